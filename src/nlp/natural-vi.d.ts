/** Types of the one part of `natural` the project uses (see natural.ts for why it is imported by path). */
declare module 'natural/lib/natural/tokenizers/aggressive_tokenizer_vi.js' {
  export default class AggressiveTokenizerVi {
    tokenize(text: string): string[];
  }
}
