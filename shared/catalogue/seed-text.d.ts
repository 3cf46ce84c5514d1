// Tests read the raw seeds (Vite `?raw` import) to check that Kazakh strings are verbatim.
declare module '*.txt?raw' {
  const text: string;
  export default text;
}
