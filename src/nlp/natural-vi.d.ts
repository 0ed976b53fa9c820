/** Types of the parts of `natural` the project uses (see natural.ts for why it is imported by path). */
declare module 'natural/lib/natural/tokenizers/aggressive_tokenizer_vi.js' {
  export default class AggressiveTokenizerVi {
    tokenize(text: string): string[];
  }
}
declare module 'natural/lib/natural/stemmers/porter_stemmer.js' {
  const PorterStemmer: { stem(token: string): string };
  export default PorterStemmer;
}
