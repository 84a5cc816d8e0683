/**
 * Our own simple drawings, one beside each idea in easy read (48 × 48, thick lines, few colours).
 * Drawn here rather than emoji so a screen reader never reads "clipboard" or "warning sign" aloud:
 * the words beside each drawing say the idea, so the drawing itself is hidden from screen readers.
 */
interface Shape {
  d: string;
  /** Filled shapes; otherwise a 3 px outline. */
  fill?: string;
  stroke?: string;
}

const blue = '#005eb8';
const red = '#d5281b';
const green = '#007f3b';
const dark = '#212b32';
const person = (x: number, y: number, s = 1): Shape[] => [
  { d: `M${x} ${y} m-${5 * s} 0 a${5 * s} ${5 * s} 0 1 0 ${10 * s} 0 a${5 * s} ${5 * s} 0 1 0 -${10 * s} 0`, fill: blue },
  { d: `M${x - 9 * s} ${y + 22 * s} v-4 a${9 * s} ${9 * s} 0 0 1 ${18 * s} 0 v4 z`, fill: blue },
];

export const symbols = {
  allergy: [{ d: 'M24 5 L45 42 H3 Z', fill: red }, { d: 'M24 17 v13', stroke: '#fff' }, { d: 'M24 35 v2', stroke: '#fff' }],
  medicine: [{ d: 'M10 30 L26 14 a8 8 0 0 1 11 11 L21 41 a8 8 0 0 1 -11 -11 z', fill: '#fff', stroke: dark }, { d: 'M10 30 L21 41 a8 8 0 0 1 -11 -11 z M18 22 L29 33 L21 41 L10 30 Z', fill: red }],
  phone: [{ d: 'M15 4 h18 a3 3 0 0 1 3 3 v34 a3 3 0 0 1 -3 3 h-18 a3 3 0 0 1 -3 -3 v-34 a3 3 0 0 1 3 -3 z', fill: dark }, { d: 'M16 9 h16 v26 h-16 z', fill: '#fff' }, { d: 'M22 39 h4', stroke: '#fff' }],
  heart: [{ d: 'M24 42 C4 28 4 14 14 10 C19 8 23 11 24 15 C25 11 29 8 34 10 C44 14 44 28 24 42 Z', fill: red }],
  bag: [{ d: 'M6 16 h36 v26 h-36 z', fill: red }, { d: 'M17 16 v-5 a3 3 0 0 1 3 -3 h8 a3 3 0 0 1 3 3 v5', stroke: dark }, { d: 'M24 22 v14 M17 29 h14', stroke: '#fff' }],
  eye: [{ d: 'M3 24 C12 10 36 10 45 24 C36 38 12 38 3 24 Z', fill: '#fff', stroke: dark }, { d: 'M24 24 m-7 0 a7 7 0 1 0 14 0 a7 7 0 1 0 -14 0', fill: blue }],
  person: person(24, 12, 1.4),
  carer: [...person(16, 12), ...person(33, 18, 0.8), { d: 'M22 33 L28 30', stroke: dark }],
  doctor: [...person(24, 12, 1.4), { d: 'M24 32 v8 M20 36 h8', stroke: '#fff' }],
  hospital: [{ d: 'M6 44 V12 h36 v32 z', fill: '#fff', stroke: blue }, { d: 'M24 17 v14 M17 24 h14', stroke: red }, { d: 'M20 44 v-7 h8 v7', fill: blue }],
  calendar: [{ d: 'M6 10 h36 v32 h-36 z', fill: '#fff', stroke: dark }, { d: 'M6 10 h36 v8 h-36 z', fill: red }, { d: 'M14 6 v8 M34 6 v8', stroke: dark }, { d: 'M14 26 h6 v6 h-6 z', fill: blue }],
  clock: [{ d: 'M24 24 m-19 0 a19 19 0 1 0 38 0 a19 19 0 1 0 -38 0', fill: '#fff', stroke: dark }, { d: 'M24 12 V24 L32 30', stroke: blue }],
  home: [{ d: 'M4 24 L24 6 L44 24', stroke: dark }, { d: 'M10 22 v20 h28 v-20', fill: '#fff', stroke: dark }, { d: 'M20 42 v-12 h8 v12 z', fill: blue }],
  add: [{ d: 'M24 24 m-20 0 a20 20 0 1 0 40 0 a20 20 0 1 0 -40 0', fill: green }, { d: 'M24 13 v22 M13 24 h22', stroke: '#fff' }],
  remove: [{ d: 'M10 14 h28 M19 14 v-5 h10 v5', stroke: dark }, { d: 'M13 14 h22 l-2 30 h-18 z', fill: dark }, { d: 'M20 20 v18 M28 20 v18', stroke: '#fff' }],
  yes: [{ d: 'M24 24 m-20 0 a20 20 0 1 0 40 0 a20 20 0 1 0 -40 0', fill: green }, { d: 'M14 24 L21 31 L34 17', stroke: '#fff' }],
  no: [{ d: 'M24 24 m-20 0 a20 20 0 1 0 40 0 a20 20 0 1 0 -40 0', fill: red }, { d: 'M16 16 L32 32 M32 16 L16 32', stroke: '#fff' }],
  question: [{ d: 'M24 24 m-20 0 a20 20 0 1 0 40 0 a20 20 0 1 0 -40 0', fill: blue }, { d: 'M18 18 a6 6 0 1 1 8 6 q-2 1 -2 4 v2', stroke: '#fff' }, { d: 'M24 35 v2', stroke: '#fff' }],
  write: [{ d: 'M8 40 L10 32 L32 10 L38 16 L16 38 Z', fill: '#ffb81c', stroke: dark }, { d: 'M6 44 h36', stroke: dark }],
  print: [{ d: 'M14 6 h20 v10 h-20 z', fill: '#fff', stroke: dark }, { d: 'M6 16 h36 v18 h-36 z', fill: dark }, { d: 'M14 28 h20 v14 h-20 z', fill: '#fff', stroke: dark }],
  code: [{ d: 'M6 6 h14 v14 h-14 z M28 6 h14 v14 h-14 z M6 28 h14 v14 h-14 z', fill: dark }, { d: 'M10 10 h6 v6 h-6 z M32 10 h6 v6 h-6 z M10 32 h6 v6 h-6 z M28 28 h6 v6 h-6 z M36 36 h6 v6 h-6 z M28 38 h4 v4 h-4 z', fill: '#fff' }, { d: 'M28 28 h6 v6 h-6 z M36 36 h6 v6 h-6 z M36 26 h6 v6 h-6 z', fill: dark }],
  list: [{ d: 'M8 12 h4 M8 24 h4 M8 36 h4', stroke: blue }, { d: 'M18 12 h22 M18 24 h22 M18 36 h22', stroke: dark }],
  speaker: [{ d: 'M6 18 h8 l10 -9 v30 l-10 -9 h-8 z', fill: dark }, { d: 'M30 17 q5 7 0 14 M35 12 q10 12 0 24', stroke: blue }],
  star: [{ d: 'M24 4 L30 18 L45 19 L33 29 L37 44 L24 36 L11 44 L15 29 L3 19 L18 18 Z', fill: '#ffb81c', stroke: dark }],
  smile: [{ d: 'M24 24 m-20 0 a20 20 0 1 0 40 0 a20 20 0 1 0 -40 0', fill: '#ffb81c', stroke: dark }, { d: 'M17 18 v3 M31 18 v3', stroke: dark }, { d: 'M15 28 q9 9 18 0', stroke: dark }],
  email: [{ d: 'M4 12 h40 v26 h-40 z', fill: '#fff', stroke: dark }, { d: 'M4 12 L24 28 L44 12', stroke: dark }],
  key: [{ d: 'M14 24 m-9 0 a9 9 0 1 0 18 0 a9 9 0 1 0 -18 0', fill: '#ffb81c', stroke: dark }, { d: 'M23 24 h20 M37 24 v7 M43 24 v5', stroke: dark }],
  ambulance: [{ d: 'M4 14 h26 v22 h-26 z', fill: '#fff', stroke: dark }, { d: 'M30 20 h8 l6 8 v8 h-14 z', fill: '#ffb81c', stroke: dark }, { d: 'M17 18 v12 M11 24 h12', stroke: red }, { d: 'M12 38 m-4 0 a4 4 0 1 0 8 0 a4 4 0 1 0 -8 0 M36 38 m-4 0 a4 4 0 1 0 8 0 a4 4 0 1 0 -8 0', fill: dark }],
  help: [{ d: 'M6 30 q8 -10 18 -2 l10 -6 a3 3 0 0 1 3 5 l-12 10 h-19 z', fill: '#ffb81c', stroke: dark }, { d: 'M24 10 C16 4 12 12 24 20 C36 12 32 4 24 10 Z', fill: red }],
  time: [{ d: 'M12 4 h24 M12 44 h24 M14 4 q0 14 10 20 q-10 6 -10 20 M34 4 q0 14 -10 20 q10 6 10 20', stroke: dark }, { d: 'M18 40 q6 -8 12 0 z', fill: '#ffb81c' }],
  download: [{ d: 'M24 6 v24 M14 20 L24 30 L34 20', stroke: blue }, { d: 'M6 34 v8 h36 v-8', stroke: dark }],
  back: [{ d: 'M24 24 m-20 0 a20 20 0 1 0 40 0 a20 20 0 1 0 -40 0', fill: '#fff', stroke: blue }, { d: 'M34 24 H15 M22 16 L14 24 L22 32', stroke: blue }],
  team: [...person(12, 14, 0.8), ...person(24, 10), ...person(36, 14, 0.8)],
} satisfies Record<string, Shape[]>;

export type SymbolName = keyof typeof symbols;
export const symbolNames = Object.keys(symbols) as SymbolName[];
export type { Shape };
