/**
 * natural 8.1 loads dotenv in its storage modules and prints banners on import unless
 * DOTENV_CONFIG_QUIET is set. Imported (for its side effect) before `natural` so that
 * `npm run --silent eval:nlp -- --json` keeps stdout clean. Only src/nlp may do this.
 */
process.env['DOTENV_CONFIG_QUIET'] ??= 'true';

export {};
