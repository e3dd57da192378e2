/**
 * Test-only: a REAL WordPress for the adapter's tests (Debian's `wordpress` 6.1 under `php -S`,
 * MariaDB on 127.0.0.1), as ../shared/recipes/wordpress-rest.md verified it. One per test file,
 * started in beforeAll (2–5 s with the machine's MariaDB), stopped in afterAll.
 *
 * - The database: the machine's MariaDB on PLAZA_TEST_MARIADB_PORT (default 3306, root without a
 *   password), a database and user of our own, dropped at the end; when that server cannot be
 *   reached, a private `mariadbd` in a temporary folder.
 * - Debian's wp-config.php loads /etc/wordpress/config-$WORDPRESS_CONFIG.php: a router script sets
 *   that per run, and serves /wp-content/ from a per-run folder.
 * - The site is installed by posting the installer's form; the application password is made by a
 *   short PHP script (wp-cli is not in Debian 12).
 * - Switches for the bad-input tests: a must-use plugin turns the REST API or application
 *   passwords off while a marker file exists (`wp.setSwitch('rest-off', true)`).
 *
 * Anything that prevents start-up throws with the reason: the tests fail, they never skip.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { access, chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export type WordPressSwitch = 'rest-off' | 'app-passwords-off';

export interface LocalWordPress {
  /** http://127.0.0.1:<port> (the site URL). */
  base: string;
  user: string;
  password: string;
  /** An application password of `user` (with its spaces, as WordPress shows it). */
  appPassword: string;
  /** Turns a must-use-plugin switch on or off (takes effect on the next request). */
  setSwitch(name: WordPressSwitch, on: boolean): Promise<void>;
  /**
   * Adds `count` users of `role` (logins `<prefix>0`, `<prefix>1`…), each with an application
   * password: several Plaza channels on one site, each its own WordPress user.
   */
  addUsers(prefix: string, count: number, role?: string): Promise<Array<{ id: number; login: string; appPassword: string }>>;
  /** Every post on the site (any status, trash included), read from WordPress's own database. */
  storedPosts(): Promise<StoredWordPressPost[]>;
  /** Calls the REST API as the admin (for oracles and set-up): `route` like /wp/v2/posts, `query` without the leading &. */
  api<T = unknown>(
    method: string,
    route: string,
    init?: { json?: unknown; query?: string },
  ): Promise<{ status: number; body: T; headers: Headers }>;
  stop(): Promise<void>;
}

/** A row of wp_posts as the oracles read it. */
export interface StoredWordPressPost {
  id: number;
  author: number;
  title: string;
  slug: string;
  status: string;
  /** post_date_gmt, whole seconds (UTC, no zone). */
  dateGmt: string;
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = net.createServer().once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });

async function until(check: () => Promise<boolean>, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  let last: unknown;
  for (;;) {
    try {
      if (await check()) return;
    } catch (error) {
      last = error;
    }
    if (Date.now() > end) throw new Error(`WordPress test server: ${what} did not come up in ${ms} ms (${String(last ?? 'no answer')})`);
    await sleep(100);
  }
}

async function need(path: string, what: string) {
  try {
    await access(path);
  } catch {
    throw new Error(
      `WordPress test server: ${what} is missing (${path}). Install it: apt-get install -y --no-install-recommends wordpress php-cli php-mysql php-gd`,
    );
  }
}

const MU_PLUGIN = `<?php
// Plaza's test switches: a marker file in WP_CONTENT_DIR turns a feature off, like a site owner would.
if (file_exists(WP_CONTENT_DIR . '/switch-rest-off')) {
  add_filter('rest_authentication_errors', function () {
    return new WP_Error('rest_disabled', 'The REST API has been disabled on this site.', array('status' => 403));
  });
}
if (file_exists(WP_CONTENT_DIR . '/switch-app-passwords-off')) {
  add_filter('wp_is_application_passwords_available', '__return_false');
}
`;

const ROUTER = `<?php
$_SERVER['WORDPRESS_CONFIG'] = getenv('WP_TEST_CONFIG');
$path = urldecode(parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH));
if (strncmp($path, '/wp-content/', 12) === 0 && strpos($path, '..') === false) {
  $f = getenv('WP_TEST_CONTENT') . substr($path, 11);
  if (is_file($f)) {
    header('Content-Type: ' . (mime_content_type($f) ?: 'application/octet-stream'));
    header('Content-Length: ' . filesize($f));
    readfile($f);
    return true;
  }
}
return false;
`;

const APP_PASSWORD = `<?php
$_SERVER['WORDPRESS_CONFIG'] = getenv('WP_TEST_CONFIG'); $_SERVER['HTTP_HOST'] = '127.0.0.1';
require '/usr/share/wordpress/wp-load.php';
$u = get_user_by('login', $argv[1]);
$r = WP_Application_Passwords::create_new_application_password($u->ID, array('name' => $argv[2]));
if (is_wp_error($r)) { fwrite(STDERR, $r->get_error_message()); exit(1); }
echo $r[0];
`;

const ADD_USERS = `<?php
$_SERVER['WORDPRESS_CONFIG'] = getenv('WP_TEST_CONFIG'); $_SERVER['HTTP_HOST'] = '127.0.0.1';
require '/usr/share/wordpress/wp-load.php';
$out = array();
for ($i = 0; $i < (int) $argv[2]; $i++) {
  $login = $argv[1] . $i;
  $id = wp_insert_user(array('user_login' => $login, 'user_pass' => wp_generate_password(24), 'user_email' => $login . '@example.test', 'role' => $argv[3]));
  if (is_wp_error($id)) { fwrite(STDERR, $id->get_error_message()); exit(1); }
  $r = WP_Application_Passwords::create_new_application_password($id, array('name' => 'plaza-tests'));
  if (is_wp_error($r)) { fwrite(STDERR, $r->get_error_message()); exit(1); }
  $out[] = array('id' => $id, 'login' => $login, 'appPassword' => $r[0]);
}
echo json_encode($out);
`;

/** Starts MariaDB (or uses the machine's) and WordPress on free loopback ports, installed, with an application password. */
export async function startWordPress(): Promise<LocalWordPress> {
  await need('/usr/share/wordpress/wp-config.php', "Debian's wordpress package");
  await need('/usr/bin/php', 'php-cli');
  const dir = await mkdtemp(join(tmpdir(), 'plaza-wp-'));
  await chmod(dir, 0o755);
  const webPort = await freePort();
  const procs: ChildProcess[] = [];
  const name = `plaza${webPort}`;
  const cfgFile = `/etc/wordpress/config-${name}.php`;
  const content = `${dir}/wp-content`;
  let dbPort = Number(process.env.PLAZA_TEST_MARIADB_PORT ?? 3306);
  let sharedDb = true;
  const dbName = `plaza_wp_${webPort}`;
  const dbUser = `plazawp${webPort}`;
  const sql = (query: string) => run('mariadb', ['--no-defaults', '-uroot', '-h127.0.0.1', `-P${dbPort}`, '-e', query]);

  async function stop() {
    for (const proc of procs.reverse()) {
      if (proc.exitCode !== null || proc.pid === undefined) continue;
      const gone = new Promise((resolve) => proc.once('exit', resolve));
      try {
        process.kill(-proc.pid, 'SIGTERM'); // its own process group: php -S workers too
      } catch {}
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([gone, new Promise((resolve) => (timer = setTimeout(resolve, 10_000)))]);
      clearTimeout(timer);
    }
    if (sharedDb) await sql(`DROP DATABASE IF EXISTS ${dbName}; DROP USER IF EXISTS '${dbUser}'@'127.0.0.1';`).catch(() => {});
    await rm(cfgFile, { force: true });
    await rm(dir, { recursive: true, force: true });
  }

  try {
    try {
      await sql('SELECT 1');
    } catch {
      // No MariaDB to share: a private one in our temporary folder.
      sharedDb = false;
      dbPort = await freePort();
      const datadir = `${dir}/db`;
      await run('mariadb-install-db', [
        '--no-defaults',
        '--user=root',
        `--datadir=${datadir}`,
        '--auth-root-authentication-method=normal',
        '--skip-test-db',
      ]);
      const db = spawn(
        '/usr/sbin/mariadbd',
        [
          '--no-defaults',
          '--user=root',
          `--datadir=${datadir}`,
          `--socket=${dir}/mysqld.sock`,
          `--pid-file=${dir}/mysqld.pid`,
          `--port=${dbPort}`,
          '--bind-address=127.0.0.1',
          '--skip-name-resolve',
          '--innodb-buffer-pool-size=32M',
          `--log-error=${dir}/mariadb.err`,
        ],
        { stdio: 'ignore', detached: true },
      );
      procs.push(db);
      await until(
        async () => {
          await sql('SELECT 1');
          return true;
        },
        20_000,
        'mariadbd',
      );
    }
    await sql(`CREATE DATABASE ${dbName} CHARACTER SET utf8mb4;
      CREATE USER '${dbUser}'@'127.0.0.1' IDENTIFIED BY 'wp-pass'; GRANT ALL ON ${dbName}.* TO '${dbUser}'@'127.0.0.1';`);

    const base = `http://127.0.0.1:${webPort}`;
    await mkdir(`${content}/uploads`, { recursive: true });
    await mkdir(`${content}/mu-plugins`, { recursive: true });
    await writeFile(`${content}/mu-plugins/plaza-test-switches.php`, MU_PLUGIN);
    await writeFile(
      cfgFile,
      `<?php
define('DB_NAME', '${dbName}'); define('DB_USER', '${dbUser}'); define('DB_PASSWORD', 'wp-pass');
define('DB_HOST', '127.0.0.1:${dbPort}');
define('WP_HOME', '${base}'); define('WP_SITEURL', '${base}');
define('WP_CONTENT_DIR', '${content}'); define('WP_CONTENT_URL', '${base}/wp-content');
define('WP_ENVIRONMENT_TYPE', 'local');
define('DISABLE_WP_CRON', true);
define('WP_HTTP_BLOCK_EXTERNAL', true);
define('AUTOMATIC_UPDATER_DISABLED', true);
define('WP_DEBUG', true); define('WP_DEBUG_DISPLAY', false); define('WP_DEBUG_LOG', '${dir}/debug.log');
`,
    );
    await writeFile(`${dir}/router.php`, ROUTER);
    await writeFile(`${dir}/app-password.php`, APP_PASSWORD);
    await writeFile(`${dir}/add-users.php`, ADD_USERS);
    const env = { ...process.env, WP_TEST_CONFIG: name, WP_TEST_CONTENT: content, PHP_CLI_SERVER_WORKERS: '4' };
    const php = spawn('php', ['-S', `127.0.0.1:${webPort}`, '-t', '/usr/share/wordpress', `${dir}/router.php`], {
      env,
      stdio: 'ignore',
      detached: true,
    });
    procs.push(php);
    await until(
      async () => {
        const res = await fetch(`${base}/readme.html`);
        await res.arrayBuffer();
        return res.ok;
      },
      10_000,
      'php -S',
    );

    const user = 'admin';
    const password = 'admin-pass-123';
    const install = await fetch(`${base}/wp-admin/install.php?step=2`, {
      method: 'POST',
      body: new URLSearchParams({
        weblog_title: 'Plaza Test Blog',
        user_name: user,
        admin_password: password,
        admin_password2: password,
        pw_weak: '1',
        admin_email: 'admin@example.test',
        blog_public: '0',
      }),
    });
    const html = await install.text();
    if (!html.includes('<h1>Success!</h1>')) throw new Error(`WordPress test server: install failed: ${html.slice(0, 300)}`);
    const { stdout: appPassword } = await run('php', [`${dir}/app-password.php`, user, 'plaza-tests'], { env });
    const auth = `Basic ${Buffer.from(`${user}:${appPassword}`).toString('base64')}`;

    return {
      base,
      user,
      password,
      appPassword,
      async setSwitch(switchName, on) {
        const marker = `${content}/switch-${switchName}`;
        if (on) await writeFile(marker, '1');
        else await rm(marker, { force: true });
      },
      async addUsers(prefix, count, role = 'author') {
        const { stdout } = await run('php', [`${dir}/add-users.php`, prefix, String(count), role], { env });
        return JSON.parse(stdout) as Array<{ id: number; login: string; appPassword: string }>;
      },
      async storedPosts() {
        const { stdout } = await run(
          'mariadb',
          [
            '--no-defaults',
            '-uroot',
            '-h127.0.0.1',
            `-P${dbPort}`,
            '--batch',
            '--skip-column-names',
            '--raw',
            dbName,
            '-e',
            `SELECT COALESCE(JSON_ARRAYAGG(JSON_OBJECT('id', ID, 'author', post_author, 'title', post_title, 'slug', post_name,
             'status', post_status, 'dateGmt', post_date_gmt)), '[]') FROM wp_posts WHERE post_type = 'post' AND post_status <> 'auto-draft'`,
          ],
          { maxBuffer: 64 * 1024 * 1024 },
        );
        return JSON.parse(stdout) as StoredWordPressPost[];
      },
      async api(method, route, init = {}) {
        const query = init.query ? `&${init.query}` : '';
        const res = await fetch(`${base}/?rest_route=${encodeURIComponent(route)}${query}`, {
          method,
          headers: { authorization: auth, ...(init.json !== undefined && { 'content-type': 'application/json' }) },
          ...(init.json !== undefined && { body: JSON.stringify(init.json) }),
        });
        const text = await res.text();
        return { status: res.status, body: (text ? JSON.parse(text) : null) as never, headers: res.headers };
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
