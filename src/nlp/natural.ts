import './quiet-natural.js';
import natural from 'natural';

/**
 * The one import of `natural` in the project (after silencing its dotenv banners); other
 * nlp modules take what they need from here so the banner fix cannot be bypassed.
 */
export { natural };
