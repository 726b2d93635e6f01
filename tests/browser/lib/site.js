// The site under test: building it with the real tool, reading the
// project settings the checks need, and finding every page in the output.

import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import YAML from 'yaml';

const run = promisify(execFile);

/** The repository root (this file is tests/browser/lib/site.js). */
export const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/**
 * Builds the project in `root` (default: the repository) with the real tool
 * into a fresh temporary folder and returns that folder, or the folder named
 * by RETTLEIAR_SITE when it is set and `root` is the repository. With
 * `fileLinks`, the form that works opened from disk (`--file-links`).
 */
export async function buildSite(root = REPO, { fileLinks = false } = {}) {
  if (root === REPO && !fileLinks && process.env.RETTLEIAR_SITE) {
    return resolve(process.env.RETTLEIAR_SITE);
  }
  const out = join(makeTemp('rettleiar-site-'), 'public');
  const args = ['run', '--locked', '--quiet', '--', 'build', '--root', root, '--out', out];
  if (fileLinks) args.push('--file-links');
  await run('cargo', args, { cwd: REPO, maxBuffer: 16 * 1024 * 1024 });
  return out;
}

/** A temporary copy of the project's inputs (source/, locales/, theme/). */
export function copyProject() {
  const dir = makeTemp('rettleiar-project-');
  for (const part of ['source', 'locales', 'theme']) {
    cpSync(join(REPO, part), join(dir, part), { recursive: true });
  }
  return dir;
}

// The temporary folders this process made: the only ones removeTemp removes.
const made = new Set();

function makeTemp(prefix) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.add(dir);
  return dir;
}

/**
 * Removes the temporary folder that holds `path` (a folder made by
 * copyProject, or the output of buildSite); anything else is left alone.
 */
export function removeTemp(path) {
  for (const dir of [path, dirname(path)]) {
    if (made.has(dir)) {
      made.delete(dir);
      rmSync(dir, { recursive: true, force: true });
      return;
    }
  }
}

/**
 * The settings the checks compare the pages with, from the project's
 * source/site.yaml and source/document.yaml.
 */
export function readSettings(root = REPO) {
  const site = YAML.parse(readFileSync(join(root, 'source', 'site.yaml'), 'utf8'));
  const doc = YAML.parse(readFileSync(join(root, 'source', 'document.yaml'), 'utf8'));
  const statement = site.accessibility_statement;
  const statements = typeof statement === 'string' ? { '*': statement } : statement;
  return {
    languages: site.languages,
    baseUrl: site.base_url || '',
    /** The accessibility statement a page in `lang` links to (see site.yaml). */
    statementFor: (lang) =>
      statements['*'] ?? statements[lang] ?? statements[site.languages.find((l) => statements[l])],
    contactEmail: doc.contact_email,
    externalLinks: externalLinks(root, Object.values(statements)),
  };
}

/**
 * The only addresses on other hosts that pages may link to: the
 * accessibility statement and every http(s) address written in the text.
 */
function externalLinks(root, statements) {
  const allowed = new Set(statements);
  for (const file of walk(join(root, 'source'))) {
    if (!file.endsWith('.md')) continue;
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/https?:\/\/[^\s<>()[\]"'«»]+/g)) {
      allowed.add(m[0].replace(/[.,;:!?]+$/, ''));
    }
  }
  return allowed;
}

/** Every file below `dir`, as absolute paths, in a stable order. */
export function walk(dir) {
  const files = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
    a.name.localeCompare(b.name),
  )) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...walk(path));
    else if (entry.isFile()) files.push(path);
  }
  return files;
}

/**
 * Every HTML page in the output, as { file, rel, path }: `rel` is the path
 * below the output folder, `path` the URL path a reader would use
 * (`nn/index.html` is `/nn/`).
 */
export function findPages(out) {
  return walk(out)
    .filter((f) => f.endsWith('.html'))
    .map((file) => {
      const rel = relative(out, file).split(sep).join('/');
      const path = '/' + rel.replace(/(^|\/)index\.html$/, '$1');
      return { file, rel, path };
    });
}
