declare module 'thai-id-validator' {
  /** True when `id` is 13 digits whose last digit is the national ID check digit. */
  export default function isValidThaiId(id: string | number): boolean;
}
