/** Textos en español de lo que el servidor envía como código: errores de sintaxis de las consultas de escucha. */
export const querySyntaxEs = {
  at: 'Posición {{position}}',
  expected: {
    term_or_group: 'una palabra, una "frase", un campo o "("',
    closing_paren: 'un paréntesis de cierre ")"',
    operator_or_end: 'un operador o el final de la consulta',
  },
  reasons: {
    unclosed_quote: 'Falta la comilla de cierre (") de la frase que empieza en {{start}}.',
    proximity_number_missing: 'Escribe un número tras "~", p. ej. "buen servicio"~3.',
    proximity_too_wide: 'La proximidad ~{{slop}} es demasiado amplia: como máximo {{max}}.',
    near_invalid: '"{{word}}" no es un NEAR válido: escribe NEAR/n o NEAR/nf (en orden), n de 0 a {{max}}.',
    near_too_wide: 'NEAR/{{distance}} es demasiado amplio: como máximo NEAR/{{max}}.',
    field_value_missing: '"{{field}}:" necesita un valor, p. ej. {{field}}:{{example}}.',
    empty_query: 'La consulta está vacía.',
    unbalanced_paren: 'Hay un paréntesis ")" sin abrir.',
    unexpected_token: 'Se esperaba {{expectedText}} y se encontró {{found}}.',
    unexpected_end: 'La consulta termina antes de tiempo: se esperaba {{expectedText}}.',
    near_operand: 'NEAR une palabras, frases exactas o (alternativas OR …); AND, NOT, los campos y "…"~N no pueden ir dentro de NEAR.',
    no_letters: '"{{word}}" no tiene letras ni dígitos que buscar.',
    wildcard_letters: '"{{word}}": los comodines funcionan en palabras sueltas de letras y dígitos.',
    wildcard_star_end: '"{{word}}": "*" solo puede ir al final de una palabra (market*).',
    wildcard_prefix: '"{{word}}": un comodín necesita al menos {{min}} letras delante (p. ej. market*).',
    empty_phrase: 'La frase no tiene palabras que buscar.',
    wildcard_needs_term:
      'Un comodín debe ir con AND junto a una palabra normal (p. ej. acme AND market*), para que la consulta sea rápida.',
    needs_required_term:
      'La consulta necesita una palabra, frase, #hashtag, @usuario, author: o site: que deba aparecer; NOT, lang: y network: solo filtran.',
  },
};

/** Por qué un KPI no tiene valor, por el código que responde la API (src/lib/kpi-reasons.ts). */
export const kpiReasonsEs = {
  no_posts: 'No hay publicaciones en este periodo',
  no_reach: 'Estas publicaciones no informan del alcance',
  no_impressions: 'Estas publicaciones no informan de las impresiones',
  no_followers_channels: 'Aún no se han recogido los seguidores de estos canales',
  needs_daily_followers: 'Hacen falta los seguidores diarios al inicio del periodo',
  no_followers: 'Aún no se han recogido los seguidores',
  engagers_not_collected: 'Aún no se han recogido las cuentas que interactuaron con estas publicaciones',
  ctr_needs_impressions: 'El CTR necesita impresiones, y estas redes no las informan',
  no_costs: 'No hay costes registrados',
  no_leads: 'Aún no hay contactos',
  share_of_voice_from_listening: 'Lo calcula el módulo de escucha a partir de las menciones de la marca y su competencia',
  net_sentiment_from_listening: 'Lo calcula el módulo de escucha a partir de las menciones (las neutras cuentan en el total)',
  no_mentions: 'No hay menciones en este periodo',
  no_voice_mentions: 'No hay menciones de la marca ni de su competencia en este periodo',
};
