import type { connectEn } from './connect-en.ts';
import type { Dictionary } from './en.ts';

/** Iniciar sesión con la red: tarjetas de redes, selector de cuentas, caducidad, Ajustes → Integraciones. */
export const connectEs: Dictionary<typeof connectEn> = {
  networksTitle: 'Redes',
  signIn: 'Conectar con {{network}}',
  pasteToken: 'Pegar un token en su lugar',
  notSetUp: 'Aún no está configurada: un propietario introduce la app de esta red en Ajustes → Integraciones.',
  setUpNow: 'Configurar la app',
  instanceTitle: 'Tu servidor de {{network}}',
  instanceLabel: 'Dirección del servidor',
  instanceHelp:
    'El servidor donde está tu cuenta, por ejemplo https://mastodon.social. Plaza se registra allí y te lleva a iniciar sesión.',
  continue: 'Continuar',
  redirecting: 'Abriendo {{network}}…',
  expiresIn: 'Caduca en {{count}} días',
  expiresToday: 'Caduca en menos de un día',
  expired: 'Acceso caducado',
  testResult: '{{name}} respondió: cuenta {{handle}}{{followers}}.',
  followers: ', {{count}} seguidores',
  pickerTitle: 'Elige qué conectar',
  pickerHelp: 'Has iniciado sesión con {{network}}. Elige las cuentas en las que Plaza publicará: cada una será un canal.',
  alreadyConnected: 'Ya es un canal: al elegirla se reconecta',
  connectChosen: 'Conectar las cuentas elegidas',
  connected: 'Canales conectados: {{count}}.',
  failedTitle: 'La conexión no se completó',
  backToChannels: 'Volver a Canales',
  tryAgain: 'Intentarlo de nuevo',
  waysTitle: '¿Cómo entras en {{network}}?',
  wayOwn: 'Con la cuenta de {{network}}',
  wayOwnHint: 'Inicias sesión en el propio {{network}}, con la app de {{network}} de Ajustes → Integraciones.',
  kinds: {
    account: 'Cuenta',
    profile: 'Perfil personal',
    page: 'Página de Facebook',
    instagram: 'Cuenta profesional de Instagram',
    organization: 'Página de organización',
  },
  integrations: {
    tab: 'Integraciones',
    intro:
      'Para conectar una red con un botón, Plaza usa tu propia app de desarrollador en esa red. Crea la app siguiendo la guía de cada red, registra la URL de redirección de abajo e introduce aquí su ID de cliente y su secreto. El secreto se guarda cifrado y no se vuelve a mostrar.',
    publicUrlMissing:
      'PUBLIC_URL no está configurada, así que estas URL de redirección apuntan a esta máquina y las redes no pueden devolver a nadie a Plaza. Configura PUBLIC_URL con la dirección con la que se abre Plaza y reinicia.',
    redirectUrl: 'URL de redirección que registrar',
    alsoRedirectUrl: 'Registra también esta, para {{network}} ({{way}}) con esta app:',
    clientId: 'ID de cliente',
    clientSecret: 'Secreto de cliente',
    secretSaved: 'Hay un secreto guardado. Déjalo vacío para conservarlo.',
    save: 'Guardar',
    remove: 'Quitar',
    saved: 'App de {{network}} guardada.',
    source: { settings: 'Configurada aquí', environment: 'Desde variables de entorno', none: 'Sin configurar' },
    refused: 'La red rechazó estas credenciales en el último inicio de sesión. Revisa el ID de cliente y el secreto.',
    ownerOnly: 'Solo un propietario puede cambiarlas.',
    guide: 'Guía paso a paso',
  },
};
