/** Time and randomness are passed in, never read inside domain/ (tests use fixed clocks). */
export type Clock = () => Date;
export type Rng = () => number;
