/**
 * Names that mean something to every JavaScript object (`__proto__`, `constructor`, `valueOf`,
 * `toString`…, and `prototype`). JSON.parse keeps them as ordinary keys, but any later lookup or
 * copy of such a key (`elements[key]`, Object.assign) reaches Object.prototype: `"__proto__"` was
 * once stored unvalidated, and `"constructor"` and `"valueOf"` crashed the validator. No FHIR
 * element and no field of our own requests has one of these names, so a body that has one anywhere
 * is refused, naming where.
 */
const prototypeKeys: ReadonlySet<string> = new Set([...Object.getOwnPropertyNames(Object.prototype), 'prototype']);

/**
 * The path of the first such key in a parsed JSON value (`contact[0].__proto__`), or undefined.
 * Walks without recursion, like exceedsDepth, so a hostile body cannot overflow the stack here.
 */
export function findPrototypeKey(value: unknown): string | undefined {
  const stack: Array<[unknown, string]> = [[value, '']];
  while (stack.length > 0) {
    const [node, path] = stack.pop()!;
    if (!isContainer(node)) continue;
    if (Array.isArray(node)) {
      node.forEach((child, index) => {
        if (isContainer(child)) stack.push([child, `${path}[${index}]`]);
      });
      continue;
    }
    for (const key of Object.keys(node)) {
      if (prototypeKeys.has(key)) return path === '' ? key : `${path}.${key}`;
      const child = (node as Record<string, unknown>)[key];
      if (isContainer(child)) stack.push([child, path === '' ? key : `${path}.${key}`]);
    }
  }
  return undefined;
}

const isContainer = (value: unknown): value is object => value !== null && typeof value === 'object';
