/**
 * WordPress, Telegram, Discord and Slack connected from the web app's forms in real Chromium, in
 * Spanish and in English: WordPress with an application password against a REAL local WordPress
 * (Debian's package under php, as the adapter's own tests run it), Telegram with a bot token,
 * Discord with a webhook (es) and a bot (en), Slack with a bot token (es) and an incoming webhook
 * (en), each against its local server (PLAZA_NETWORK_ORIGINS, as `config.networkOrigins`). First
 * the bad input each guide warns about, refused at connect time with a clear message in the
 * user's language: a Telegram bot that is not an admin of the channel, a revoked Discord webhook,
 * a WordPress site with its REST API off, then with application passwords off. Then one post
 * composed for the four, with WordPress categories chosen from the site's own, published: each
 * network received it once, and the post page says published. One Plaza, one Chromium, one
 * WordPress for the file. Screenshots: docs/screenshots/connect3-*.png.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeDiscordServer } from '../../src/networks/discord/testing/server.ts';
import { FakeSlackServer } from '../../src/networks/slack/testing/server.ts';
import { FakeTelegramServer } from '../../src/networks/telegram/testing/server.ts';
import { startWordPress, type LocalWordPress } from '../../src/networks/wordpress/testing/wordpress.ts';
import { en } from '../../web/src/i18n/en.ts';
import { es } from '../../web/src/i18n/es.ts';
import { webSession, type WebSession } from './harness.ts';

type Texts = typeof es;
type Lang = 'es' | 'en';
const fill = (template: string, values: Record<string, string>) =>
  template.replace(/\{\{(\w+)\}\}/g, (_, key: string) => values[key] ?? '');
/** A field's accessible name: its label, with the required mark when there is one. */
const labelled = (text: string) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*\\*?$`);
const OWNER = { email: 'lucia@tienda.test', name: 'Lucía Gómez', password: 'la tienda abre temprano' };

interface NetworkView {
  name: string;
  label: { en: string; es: string };
  connectionFields: Array<{ name: string; label: { en: string; es: string } }>;
}
interface PostView {
  state: string;
  publications: Array<{ channelId: string; state: string; error: unknown }>;
}

describe('connect WordPress, Telegram, Discord and Slack from the web app’s forms, refuse bad input, and publish to each (real Chromium, es + en)', {
  // Each language takes 50–200 s on this machine under load (1.5–3 min measured at load 15–22).
  timeout: 420_000,
}, () => {
  const telegram = new FakeTelegramServer();
  const discord = new FakeDiscordServer();
  const slack = new FakeSlackServer();
  let wp: LocalWordPress;
  let session: WebSession;
  let networks: Record<string, NetworkView> = {};
  const workspaces: Record<Lang, string> = { es: '', en: '' };
  const errors: string[] = [];
  const started = Date.now();
  const step = (what: string) => process.env.E2E_STEPS && console.log(`${((Date.now() - started) / 1000).toFixed(1)}s ${what}`);

  async function open(lang: Lang): Promise<Page> {
    const page = await session.openPage(lang, { width: 1280, height: 900 });
    page.on('pageerror', (error) => errors.push(error.message));
    await page.context().route(/^(?!http:\/\/127\.0\.0\.1[:/])/, (route) => route.abort());
    await page.evaluate((id) => localStorage.setItem('plaza.workspace', id), workspaces[lang]);
    await page.goto(`${session.server.url}/channels`);
    return page;
  }

  /**
   * Channels → Connect <network>: the form, filled by each field's label in `lang`, sent. Answers
   * the dialog (still open when the connection was refused).
   */
  async function submitForm(page: Page, lang: Lang, network: string, name: string, fields: Record<string, string>) {
    step(`form ${network} (${lang})`);
    const t = (lang === 'es' ? es : en) as Texts;
    const info = networks[network]!;
    await page.getByRole('button', { name: fill(t.channels.connectNetwork, { network: info.label[lang] }), exact: true }).click();
    const dialog = page.getByRole('dialog');
    // The form links the network's guide, which says where each value comes from.
    expect(await dialog.getByTestId('connect-guide').getAttribute('href')).toMatch(new RegExp(`/docs/networks/${network}\\.md$`));
    await dialog.getByLabel(labelled(t.channels.name)).fill(name);
    for (const [field, value] of Object.entries(fields)) {
      const label = info.connectionFields.find((f) => f.name === field)!.label[lang];
      await dialog.getByLabel(labelled(label)).fill(value);
    }
    await dialog.getByRole('button', { name: t.channels.connect, exact: true }).click();
    return dialog;
  }

  /** A refused connection: the dialog stays, with the network's reason in the user's language. */
  async function refused(page: Page, lang: Lang, network: string, reason: string, shot: string) {
    const t = (lang === 'es' ? es : en) as Texts;
    const alert = page.getByRole('dialog').getByRole('alert');
    await alert.waitFor({ timeout: 30_000 });
    const expected = fill(t.apiErrors.connection_failed, {
      network: networks[network]!.label[lang],
      reasonText: (t.networkReasons as Record<string, string>)[reason]!,
    });
    expect(await alert.textContent()).toBe(expected);
    await session.shot(page, `${shot}-${lang}`);
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
  }

  async function connected(page: Page, name: string) {
    await page.getByRole('dialog').waitFor({ state: 'detached', timeout: 30_000 });
    await page.getByTestId(`channel-${name}`).waitFor();
  }

  beforeAll(async () => {
    // The real WordPress starts while Plaza and Chromium do; each is kept as soon as it is up, for afterAll.
    await Promise.all([
      startWordPress().then((started) => {
        wp = started;
      }),
      webSession({ owner: OWNER, screenshotPrefix: 'connect3' }).then((started) => {
        session = started;
      }),
      telegram.start(),
      discord.start(),
      slack.start(),
    ]);
    const config = session.server.runtime.ctx.config;
    config.allowPrivateUrls = true;
    config.networkOrigins = { ...config.networkOrigins, telegram: telegram.baseUrl, discord: discord.baseUrl, slack: slack.baseUrl };
    workspaces.es = (
      await session.api<{ id: string }>('POST', '/workspaces', { name: 'Tienda de Lucía', timeZone: 'Europe/Madrid', language: 'es' })
    ).id;
    workspaces.en = (
      await session.api<{ id: string }>('POST', '/workspaces', { name: 'Lucia’s Shop', timeZone: 'America/New_York', language: 'en' })
    ).id;
    const list = await session.api<{ items: NetworkView[] }>('GET', '/networks');
    networks = Object.fromEntries(list.items.map((n) => [n.name, n]));
    // The blog already has a category the composer should offer.
    await wp.api('POST', '/wp/v2/categories', { json: { name: 'Novedades' } });
  }, 180_000);

  afterAll(async () => {
    await session?.close();
    await wp?.stop();
    await Promise.all([telegram.stop(), discord.stop(), slack.stop()]);
  });

  for (const lang of ['es', 'en'] as const) {
    it(`${lang}: bad input is refused with the reason, then the four connect and one post reaches each`, async () => {
      const t = (lang === 'es' ? es : en) as Texts;
      const page = await open(lang);
      const names = {
        wordpress: lang === 'es' ? 'Blog de la tienda' : 'Shop blog',
        telegram: lang === 'es' ? 'Canal de Telegram' : 'Telegram channel',
        discord: lang === 'es' ? 'Discord de la tienda' : 'Shop Discord',
        slack: lang === 'es' ? 'Slack del equipo' : 'Team Slack',
      };

      // Telegram: the bot is only a member of the channel.
      telegram.botMember = { status: 'member' };
      await submitForm(page, lang, 'telegram', names.telegram, { botToken: telegram.token, chatId: `@${telegram.channel.username}` });
      await refused(page, lang, 'telegram', 'telegram_bot_not_admin', 'telegram-not-admin');
      telegram.botMember = { status: 'administrator', can_post_messages: true };
      await submitForm(page, lang, 'telegram', names.telegram, { botToken: telegram.token, chatId: `@${telegram.channel.username}` });
      await connected(page, names.telegram);

      // Discord: a webhook deleted in Discord's settings.
      const revoked = discord.addWebhook('1200000000000000001', 'Borrado');
      discord.webhooks.get(revoked.id)!.deleted = true;
      await submitForm(page, lang, 'discord', names.discord, { webhookUrl: revoked.url });
      await refused(page, lang, 'discord', 'webhook_revoked', 'discord-revoked');
      await submitForm(
        page,
        lang,
        'discord',
        names.discord,
        lang === 'es' ? { webhookUrl: discord.webhookUrl } : { botToken: discord.bot.token, channelId: '1200000000000000001' },
      );
      await connected(page, names.discord);

      // Slack: a bot token and its channel (es), an incoming webhook (en).
      await submitForm(
        page,
        lang,
        'slack',
        names.slack,
        lang === 'es' ? { botToken: slack.token, channel: slack.channel.id } : { webhookUrl: slack.webhookUrl },
      );
      await connected(page, names.slack);

      // WordPress: the REST API turned off, then application passwords turned off, then as the guide says.
      const wordpressFields = { siteUrl: wp.base, username: wp.user, applicationPassword: wp.appPassword };
      await wp.setSwitch('rest-off', true);
      try {
        await submitForm(page, lang, 'wordpress', names.wordpress, wordpressFields);
        await refused(page, lang, 'wordpress', 'wordpress_rest_disabled', 'wordpress-rest-off');
      } finally {
        await wp.setSwitch('rest-off', false);
      }
      await wp.setSwitch('app-passwords-off', true);
      try {
        await submitForm(page, lang, 'wordpress', names.wordpress, wordpressFields);
        await refused(page, lang, 'wordpress', 'wordpress_app_passwords_off', 'wordpress-app-passwords-off');
      } finally {
        await wp.setSwitch('app-passwords-off', false);
      }
      await submitForm(page, lang, 'wordpress', names.wordpress, wordpressFields);
      await connected(page, names.wordpress);
      await session.shot(page, `channels-${lang}`, true);
      const channels = (
        await session.api<{ items: Array<{ id: string; name: string; network: string; status: string }> }>(
          'GET',
          `/workspaces/${workspaces[lang]}/channels`,
        )
      ).items;
      expect(channels.map((c) => [c.network, c.status]).sort()).toEqual(
        ['discord', 'slack', 'telegram', 'wordpress'].map((n) => [n, 'active']),
      );
      const wordpressChannel = channels.find((c) => c.network === 'wordpress')!;

      // One post for the four, with a category of the blog chosen in the WordPress tab.
      step(`compose (${lang})`);
      const text =
        lang === 'es'
          ? 'Nuevo horario de verano\nDesde el lunes abrimos de 9 a 15 h, también los sábados.'
          : 'New summer opening hours\nFrom Monday we open 9am to 3pm, Saturdays too.';
      await page.goto(`${session.server.url}/compose`);
      for (const channel of channels) await page.getByLabel(channel.name, { exact: true }).check();
      await page.getByLabel(t.composer.text, { exact: true }).fill(text);
      await page.getByRole('tab', { name: wordpressChannel.name }).click();
      const categories = page.getByTestId(`option-${wordpressChannel.id}-categories`);
      await categories.click();
      // The site's own category is offered once read from WordPress; chosen from the keyboard (the list may still move while it loads).
      await page.getByRole('listbox').getByRole('option', { name: 'Novedades', exact: true }).waitFor({ timeout: 30_000 });
      await categories.pressSequentially('Noved');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      await page.keyboard.press('Escape');
      expect(await page.getByTestId(`capabilities-${wordpressChannel.id}`).locator('.mantine-Pill-label').allTextContents()).toEqual([
        'Novedades',
      ]);
      await session.shot(page, `composer-wordpress-${lang}`, true);
      await page.getByRole('tab', { name: t.composer.allChannels }).click();
      await page.getByRole('button', { name: t.composer.publishNow }).click();
      await page.waitForURL(/\/posts\/[0-9a-f-]{36}$/, { timeout: 30_000 });
      const postId = page.url().split('/').pop()!;
      let post: PostView = { state: '', publications: [] };
      for (let i = 0; i < 300 && post.state !== 'published' && post.state !== 'failed'; i++) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        post = await session.api('GET', `/workspaces/${workspaces[lang]}/posts/${postId}`);
      }
      expect(post.publications.map((p) => [p.state, p.error])).toEqual(Array(4).fill(['published', null]));
      await page.reload();
      await page.getByText(t.states.published, { exact: true }).first().waitFor({ timeout: 15_000 });
      // Once published, the previews say what each channel received (not "will receive").
      await page.getByText(t.review.whatEachChannelGot, { exact: true }).waitFor();
      await session.shot(page, `published-${lang}`, true);

      // Each network received the post once; the blog post has the first line as its title and the chosen category.
      expect(telegram.postsWithText(text)).toBe(1);
      expect(discord.postsWithText(text)).toBe(1);
      expect(slack.postsWithText(text)).toBe(1);
      const title = text.split('\n')[0]!;
      const { body: found } = await wp.api<Array<{ title: { rendered: string }; categories: number[] }>>('GET', '/wp/v2/posts', {
        query: `search=${encodeURIComponent(title)}&status=publish`,
      });
      expect(found.map((p) => p.title.rendered)).toEqual([title]);
      const { body: category } = await wp.api<Array<{ id: number }>>('GET', '/wp/v2/categories', { query: 'search=Novedades' });
      expect(found[0]!.categories).toEqual([category[0]!.id]);
      await page.context().close();
    });
  }

  it('the local servers saw nothing that breaks Discord’s document, and the pages threw nothing', () => {
    expect(discord.violations).toEqual([]);
    expect(errors).toEqual([]);
  });
});
