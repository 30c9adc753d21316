// Renders a CSL-JSON file (an array of CSL items) with citeproc-js and the NLM/Vancouver style,
// printing one plain-text bibliography entry per line, in the order of the input items.
//
//   node render.mjs <items.json> [--style vancouver | --style-file <style.csl>] [--html]
//
// The style and the en-US locale come from the pinned @citation-js/plugin-csl package (see README.md), or the
// style from a CSL file given with --style-file (the AMA style is not in the package); nothing is fetched at
// run time. The leading citation number ("1.") of the Vancouver style is left
// out, so a line is the reference itself. Line breaks inside an entry are turned into spaces so that
// each entry stays on one line.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const CSL = require('citeproc');

const args = process.argv.slice(2);
const valued = new Set(['--style', '--style-file']);
const file = args.find((a, i) => !a.startsWith('--') && !valued.has(args[i - 1]));
if (!file) {
  console.error('usage: node render.mjs <items.json> [--style vancouver|apa|harvard1 | --style-file <style.csl>] [--html]');
  process.exit(2);
}
const styleName = args.includes('--style') ? args[args.indexOf('--style') + 1] : 'vancouver';
const styleFile = args.includes('--style-file') ? args[args.indexOf('--style-file') + 1] : null;
const format = args.includes('--html') ? 'html' : 'text';

const pluginDir = dirname(require.resolve('@citation-js/plugin-csl/package.json'));
const styles = JSON.parse(readFileSync(join(pluginDir, 'lib', 'styles.json'), 'utf8'));
const locales = JSON.parse(readFileSync(join(pluginDir, 'lib', 'locales.json'), 'utf8'));
const style = styleFile ? readFileSync(styleFile, 'utf8') : styles[styleName];
if (!style) {
  console.error(`unknown style '${styleName}'; available: ${Object.keys(styles).join(', ')}`);
  process.exit(2);
}

const items = JSON.parse(readFileSync(file, 'utf8'));
if (!Array.isArray(items)) {
  console.error(`${file}: expected a JSON array of CSL items`);
  process.exit(2);
}
const byId = new Map(items.map(item => [String(item.id), item]));
if (byId.size !== items.length) {
  console.error(`${file}: item ids are not unique`);
  process.exit(2);
}

const sys = {
  retrieveLocale: lang => locales[lang] ?? locales['en-US'],
  retrieveItem: id => byId.get(String(id)),
};
const engine = new CSL.Engine(sys, style, 'en-US');
engine.setOutputFormat(format);

const ids = items.map(item => String(item.id));
engine.updateItems(ids);
const [meta, entries] = engine.makeBibliography();
if (meta.bibliography_errors?.length) {
  console.error(JSON.stringify(meta.bibliography_errors));
}

const out = entries.map(entry => {
  let line = entry.replace(/\s+/g, ' ').trim();
  if (format === 'html') {
    line = line.replace(/^<div class="csl-entry">\s*/, '').replace(/\s*<\/div>$/, '');
    line = line.replace(/^<div class="csl-left-margin">[^<]*<\/div>\s*<div class="csl-right-inline">/, '').replace(/<\/div>$/, '');
  } else {
    line = line.replace(/^\d+\.\s*/, '');
  }
  return line;
});
if (out.length !== ids.length) {
  console.error(`citeproc returned ${out.length} entries for ${ids.length} items`);
  process.exit(1);
}
process.stdout.write(out.join('\n') + '\n');
