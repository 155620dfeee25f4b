/**
 * A list that names every member of a string union: the vocabulary's types live once, in the contract
 * (src/shared/desk-types.ts), and a value list of them fails to compile when the union grows and the list
 * does not.
 */
export function everyMember<T extends string>() {
  return <const L extends readonly T[]>(list: L & ([T] extends [L[number]] ? unknown : never)): L => list;
}
