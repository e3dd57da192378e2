/** Turning a Telegram channel's inbox pushes (the bot's webhook) on and off, in English. */
export const telegramPushEn = {
  help: 'Telegram can send new comments to Plaza as they happen (Plaza sets your bot’s webhook; Plaza must be reachable at its public HTTPS address, PUBLIC_URL). Checking every few minutes goes on as a fallback; nothing is stored twice. With pushes on, reaction counts are not available.',
  on: 'Turn on instant inbox',
  off: 'Turn off instant inbox',
  isOn: 'On: Telegram sends the bot’s updates to',
  isOff: 'Off: the webhook is deleted; Plaza checks every few minutes.',
  stateOn: 'Instant inbox is on: Telegram sends new comments to Plaza.',
  stateOff: 'Instant inbox is off: Plaza checks every few minutes.',
};
