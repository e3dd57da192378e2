import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import type { PlazaRuntime } from '../src/server/runtime.ts';
import { type CliDataDir, cliDataDir, plaza, startPlazaServer } from './helpers/cli.ts';

describe('plaza CLI', () => {
  let runtime: PlazaRuntime;
  let folder: CliDataDir;
  let dataDir: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    folder = cliDataDir('cli', 'cli-test-secret-cli-test-secret-0123456');
    dataDir = folder.dataDir;
    // user and token are created on the local database, before the server opens it.
    const base = folder.env;
    const created = await plaza(
      base,
      '--json',
      'user',
      'create',
      '--email',
      'cm@example.com',
      '--name',
      'Carla CM',
      '--password',
      'una clave larga',
    );
    expect(created.code, created.stderr).toBe(0);
    const token = await plaza(base, 'token', 'create', '--email', 'cm@example.com');
    expect(token.stdout.trim()).toMatch(/^plz_/);
    const server = await startPlazaServer(base, { services: ['web', 'worker', 'scheduler'] });
    runtime = server.runtime;
    env = { ...base, PLAZA_URL: server.url, PLAZA_TOKEN: token.stdout.trim() };
  }, 120_000);
  afterAll(async () => {
    await runtime?.stop();
    folder?.remove();
  });

  it('creates a workspace and channel, schedules in local time, lists, imports CSV all-or-nothing and exports', async () => {
    const ws = JSON.parse(
      (await plaza(env, '--json', 'workspace', 'create', '--name', 'Panadería Sol', '--tz', 'Europe/Madrid', '--lang', 'es')).stdout,
    );
    expect(ws.timeZone).toBe('Europe/Madrid');
    const channel = JSON.parse(
      (
        await plaza(
          env,
          '--json',
          'channel',
          'add',
          '-w',
          ws.id,
          '--network',
          'sandbox',
          '--name',
          'Demo',
          '-f',
          'handle=panaderia',
          '-f',
          'token=abc',
        )
      ).stdout,
    );
    expect(channel.simulated).toBe(true);
    const tested = await plaza(env, 'channel', 'test', '-w', ws.id, channel.id);
    expect(tested.stdout).toContain('Connection OK');

    const post = JSON.parse(
      (
        await plaza(
          env,
          '--json',
          'post',
          'create',
          '-w',
          ws.id,
          '-c',
          channel.id,
          '-t',
          'Pan recién hecho 🥖',
          '--at',
          '2030-03-31 09:30',
          '--action',
          'schedule',
        )
      ).stdout,
    );
    expect(post.state).toBe('scheduled');
    expect(post.scheduledAt).toBe('2030-03-31T07:30:00.000Z'); // CEST, UTC+2

    const listed = JSON.parse((await plaza(env, '--json', 'post', 'list', '-w', ws.id)).stdout);
    expect(listed.items.map((p: { id: string }) => p.id)).toContain(post.id);
    const canceled = JSON.parse((await plaza(env, '--json', 'post', 'cancel', '-w', ws.id, post.id)).stdout);
    expect(canceled.state).toBe('canceled');

    const badCsv = path.join(dataDir, 'bad.csv');
    fs.writeFileSync(
      badCsv,
      `content,channels,scheduled_at\nBuenos días,Demo,2030-04-01 09:00\n${'x'.repeat(600)},Demo,2030-04-02 09:00\nHola,NoExiste,\n`,
    );
    const bad = await plaza(env, '--json', 'import', 'posts', badCsv, '-w', ws.id);
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.stdout).errors.map((e: { row: number }) => e.row)).toEqual([2, 3]);
    expect(JSON.parse((await plaza(env, '--json', 'post', 'list', '-w', ws.id)).stdout).items).toHaveLength(1);

    const goodCsv = path.join(dataDir, 'good.csv');
    fs.writeFileSync(
      goodCsv,
      `content,channels,scheduled_at\nBuenos días,Demo,2030-04-01 09:00\nBuenas noches,${channel.id},2030-10-27 21:00\n`,
    );
    const good = JSON.parse((await plaza(env, '--json', 'import', 'posts', goodCsv, '-w', ws.id)).stdout);
    expect(good).toMatchObject({ created: 2, errors: [] });

    const out = path.join(dataDir, 'export.json');
    await plaza(env, 'export', '-w', ws.id, '-o', out);
    const exported = JSON.parse(fs.readFileSync(out, 'utf8'));
    expect(exported.posts).toHaveLength(3);
    expect(JSON.stringify(exported)).not.toContain('credentials');
    expect(JSON.stringify(exported)).not.toContain('password_hash');
  }, 120_000);

  it('shows and changes listening alert sensitivity and edits a source, with clear errors for bad values', async () => {
    const ws = JSON.parse(
      (await plaza(env, '--json', 'workspace', 'create', '--name', 'Escucha', '--tz', 'America/Mexico_City', '--lang', 'es')).stdout,
    );
    const shown = await plaza(env, 'listen', 'alert-settings', '-w', ws.id);
    expect(shown.stdout).toContain('on: alert when negative mentions in a 15-minute window reach 5');
    const changed = JSON.parse(
      (
        await plaza(
          env,
          '--json',
          'listen',
          'alert-settings',
          '-w',
          ws.id,
          '--threshold',
          '3.5',
          '--min-count',
          '10',
          '--window-minutes',
          '60',
        )
      ).stdout,
    );
    expect(changed).toMatchObject({ enabled: true, threshold: 3.5, minCount: 10, windowMinutes: 60 });
    const refused = await plaza(env, 'listen', 'alert-settings', '-w', ws.id, '--window-minutes', '1');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/400|windowMinutes/);
    const notNumber = await plaza(env, 'listen', 'alert-settings', '-w', ws.id, '--threshold', 'alto');
    expect(notNumber.stderr).toContain('--threshold must be a number');
    expect((await plaza(env, 'listen', 'alert-settings', '-w', ws.id, '--disable')).stdout).toMatch(/^off:/);
    const notify = await plaza(env, 'listen', 'alert-settings', '-w', ws.id, '--notify', 'prensa@example.com, crisis@example.com');
    expect(notify.stdout).toContain('e-mail: prensa@example.com, crisis@example.com');
    expect((await plaza(env, 'listen', 'alert-settings', '-w', ws.id, '--notify', 'nope')).code).toBe(1);
    expect((await plaza(env, 'listen', 'alert-settings', '-w', ws.id, '--no-notify')).stdout).toContain('e-mail: nobody');

    const api = `${env.PLAZA_URL}/api/v1/workspaces/${ws.id}/listening/sources`;
    const created = await fetch(api, {
      method: 'POST',
      headers: { authorization: `Bearer ${env.PLAZA_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'rss', name: 'Blog', config: { url: 'https://blog.example.com/feed.xml' } }),
    });
    const source = (await created.json()) as { id: string };
    const edited = JSON.parse(
      (await plaza(env, '--json', 'listen', 'edit-source', '-w', ws.id, source.id, '--interval', '60', '--name', 'Blog de prensa')).stdout,
    );
    expect(edited).toMatchObject({ name: 'Blog de prensa', config: { url: 'https://blog.example.com/feed.xml', intervalMinutes: 60 } });
  }, 120_000);

  it('lists, exports and summarizes mentions, and acknowledges an alert, in the brand time zone', async () => {
    const ws = JSON.parse(
      (await plaza(env, '--json', 'workspace', 'create', '--name', 'Menciones', '--tz', 'America/Mexico_City', '--lang', 'es')).stdout,
    );
    const call = async (method: string, path: string, body?: unknown) => {
      const response = await fetch(`${env.PLAZA_URL}/api/v1/workspaces/${ws.id}/listening${path}`, {
        method,
        headers: { authorization: `Bearer ${env.PLAZA_TOKEN}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return response.json() as Promise<Record<string, unknown>>;
    };
    await call('POST', '/queries', { name: 'Sol', query: 'panaderia OR "pan sol"', kind: 'brand' });
    await call('POST', '/queries', { name: 'Luna', query: 'luna', kind: 'competitor', competitorName: 'Panadería Luna' });
    const now = Date.now();
    const at = (minutesAgo: number) => new Date(now - minutesAgo * 60_000).toISOString();
    const csv = [
      'id,text,author,network,date,url',
      `m1,"Me encanta la panaderia, el mejor pan",ana,bluesky,${at(30)},https://bsky.app/profile/ana/post/1`,
      `m2,"La panaderia es un desastre, pésima atención",luis,mastodon,${at(20)},`,
      `m3,"Luna abre otra tienda",kate,bluesky,${at(10)},`,
      `m4,"=cmd| multi-line
text about panaderia",eve,rss,${at(5)},`,
    ].join('\n');
    expect(await call('POST', '/import', { csv })).toMatchObject({ stored: 4 });

    const listed = await plaza(env, 'listen', 'mentions', '-w', ws.id, '--sentiment', 'negative');
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout).toMatch(/CST .*mastodon .*@luis .*negative .*desastre/);
    expect(listed.stdout.trim().split('\n')).toHaveLength(1);
    const json = JSON.parse((await plaza(env, '--json', 'listen', 'mentions', '-w', ws.id, '--limit', '2')).stdout);
    expect(json.map((m: { remoteId: string }) => m.remoteId)).toEqual(['m4', 'm3']);
    expect((await plaza(env, 'listen', 'mentions', '-w', ws.id, '--limit', '500')).stderr).toContain('--limit must be');

    const file = path.join(dataDir, 'menciones.csv');
    const exported = await plaza(env, 'listen', 'mentions', '-w', ws.id, '--csv', file);
    expect(exported.stdout.trim()).toBe(`4 mentions written to ${file}`);
    const { parse } = await import('csv-parse/sync');
    const rows = parse(fs.readFileSync(file, 'utf8'), { bom: true, columns: true }) as Array<Record<string, string>>;
    expect(rows[0].text).toBe("'=cmd| multi-line\ntext about panaderia");
    expect(rows[0].published_at_local).toMatch(/-06:00$/);
    const sol = ((await call('GET', '/queries')).items as Array<{ id: string; name: string }>).find((q) => q.name === 'Sol')!;
    const brandOnly = await plaza(env, 'listen', 'mentions', '-w', ws.id, '--query', sol.id, '--csv', file);
    expect(brandOnly.stdout).toContain('3 mentions written');

    // Downloads share one streamed client call: a CSV report to a file, and an API error as a clear message.
    const reportFile = path.join(dataDir, 'informe.csv');
    const written = JSON.parse(
      (await plaza(env, '--json', 'analytics', 'report', '-w', ws.id, '--format', 'csv', '--out', reportFile)).stdout,
    );
    expect(written).toEqual({ file: reportFile, bytes: fs.statSync(reportFile).size });
    expect(fs.readFileSync(reportFile, 'utf8')).toContain('kpi,label,formula');
    const badDownload = await plaza(env, 'analytics', 'report', '-w', ws.id, '--format', 'docx', '--out', reportFile);
    expect(badDownload.code).toBe(1);
    expect(badDownload.stderr).toContain('Error 400');
    const badExport = await plaza(
      env,
      'listen',
      'mentions',
      '-w',
      ws.id,
      '--from',
      '2026-01-02 00:00',
      '--to',
      '2026-01-01 00:00',
      '--csv',
      file,
    );
    // The workspace is Spanish: the error in Spanish, by its code.
    expect(badExport.stderr).toContain('Error 400: "from" debe ser anterior a "to". (bad_range)');

    const report = await plaza(env, 'listen', 'report', '-w', ws.id, '--days', '1');
    expect(report.code, report.stderr).toBe(0);
    expect(report.stdout).toContain('Sol (brand): 3');
    expect(report.stdout).toMatch(/brand 75 % of 4/);
    expect(report.stdout).toMatch(/Panadería Luna: 25 % \(1\)/);
    const reportJson = JSON.parse((await plaza(env, '--json', 'listen', 'report', '-w', ws.id, '--from', '2020-01-01 00:00')).stdout);
    expect(reportJson.range).toMatchObject({ from: '2020-01-01T06:00:00.000Z', timeZone: 'America/Mexico_City' });
    expect(reportJson.shareOfVoice.total).toBe(4);
    const { counts, total, netSentiment } = reportJson.sentiment;
    expect(total).toBe(4);
    expect(netSentiment).toBeCloseTo(((counts.positive - counts.negative) / total) * 100);
    expect(report.stdout).toContain(`${counts.positive} positive, ${counts.neutral} neutral, ${counts.negative} negative`);

    const none = await plaza(env, 'listen', 'alerts', '-w', ws.id);
    expect(none.stdout).toContain('No reputation alerts.');
    const missing = await plaza(env, 'listen', 'ack', '-w', ws.id, '00000000-0000-4000-8000-000000000000');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('404');
  }, 120_000);

  it('speaks the user’s language: --lang, else PLAZA_LANG, else the workspace’s (KPI reasons, validation issues, errors)', async () => {
    const quiet = { ...env, PLAZA_LANG: '', LC_ALL: '', LC_MESSAGES: '', LANG: 'C' };
    const ws = JSON.parse(
      (await plaza(quiet, '--json', 'workspace', 'create', '--name', 'Idiomas', '--tz', 'Europe/Madrid', '--lang', 'es')).stdout,
    );
    expect(ws.language).toBe('es');
    const channel = JSON.parse(
      (
        await plaza(
          quiet,
          '--json',
          'channel',
          'add',
          '-w',
          ws.id,
          '--network',
          'sandbox',
          '--name',
          'Demo',
          '-f',
          'handle=idiomas',
          '-f',
          'token=abc',
        )
      ).stdout,
    );

    // A new workspace has no posts: the KPIs say why, in the workspace's language unless told otherwise.
    const spanish = await plaza(quiet, 'analytics', 'overview', '-w', ws.id);
    expect(spanish.code, spanish.stderr).toBe(0);
    expect(spanish.stdout).toContain('No hay publicaciones en este periodo');
    expect(spanish.stdout).not.toContain('No published posts');
    const english = await plaza(quiet, '--lang', 'en', 'analytics', 'overview', '-w', ws.id);
    expect(english.stdout).toContain('No published posts in this period');
    expect((await plaza({ ...quiet, PLAZA_LANG: 'en' }, 'analytics', 'overview', '-w', ws.id)).stdout).toContain('No published posts');

    // A post a network refuses: the error and each issue by code, never the server's English.
    const tooLong = [
      'post',
      'create',
      '-w',
      ws.id,
      '-c',
      channel.id,
      '-t',
      'x'.repeat(600),
      '--at',
      '2030-03-31 09:30',
      '--action',
      'schedule',
    ];
    const refused = await plaza(quiet, '--lang', 'es', ...tooLong);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('Error 422: La publicación no cumple las reglas de alguna de sus redes. (invalid_for_network)');
    expect(refused.stderr).toContain('sandbox: El texto tiene 600 caracteres; Sandbox admite 500.');
    expect(refused.stderr).not.toContain('Some channels reject');
    const refusedEn = await plaza(quiet, '--lang=en', ...tooLong);
    expect(refusedEn.stderr).toContain('sandbox: The text is 600 characters long; Sandbox allows 500.');
    const unknown = await plaza(quiet, 'analytics', 'overview', '-w', '00000000-0000-4000-8000-000000000000');
    expect(unknown.stderr).toMatch(/Error 404: .+ \(not_found\)/);
    expect((await plaza(quiet, '--lang', 'fr', 'workspace', 'list')).stderr).toContain('--lang takes es or en');
  }, 120_000);

  it('says clearly when the token is missing or wrong', async () => {
    const missing = await plaza({ ...env, PLAZA_TOKEN: '' }, 'workspace', 'list');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('No API token');
    const wrong = await plaza({ ...env, PLAZA_TOKEN: 'plz_wrong' }, 'workspace', 'list');
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('401');
  }, 60_000);
});
