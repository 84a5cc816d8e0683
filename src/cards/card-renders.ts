import type { CardCache } from './card-cache.ts';
import type { KeptCard } from './card-issuer.ts';
import { toNumericQr } from './numeric-qr.ts';
import { printoutContent } from './printout-content.ts';
import type { PrintoutLink } from './printout-link.ts';
import type { RenderPool } from './render-pool.ts';
import { ukDateOf } from './uk-date.ts';

export interface CardRenders {
  /** About to draw: the drawing threads start while the card is made. */
  warm(): void;
  /** The card's code alone, for showing full-screen on her phone. */
  qrSvg(card: KeptCard): Promise<string>;
  /** The printout: A4 or wallet, HTML or PDF, with the printout's link beside the card's code. */
  printout(card: KeptCard, link: PrintoutLink | undefined, size: 'a4' | 'wallet', format: 'html' | 'pdf'): Promise<string | Buffer>;
}

/**
 * Each drawing of a card made once, on the render pool's threads, and kept with the card: under
 * the card's own key (what it shows, its key and revocation) and what else the drawing shows (the
 * printout's link and its last day), so the same view of an unchanged card is the same bytes.
 * The printout says the day the card was made: what it shows was true then and still is.
 */
export function createCardRenders(deps: { cache: CardCache; pool: RenderPool }): CardRenders {
  const { cache, pool } = deps;
  const kept = (key: string, draw: () => Promise<string | Buffer>) =>
    cache.getOrMake(key, async () => {
      const value = await draw();
      return { value, bytes: typeof value === 'string' ? value.length * 2 : value.byteLength };
    });
  return {
    warm: () => pool.warm(),
    qrSvg: (card) => kept(`render|${card.cacheKey}|qr.svg`, () => pool.run({ kind: 'qr-svg', qrText: toNumericQr(card.jws) })) as Promise<string>,
    printout(card, link, size, format) {
      const until = link ? ukDateOf(link.expiresAt) : '';
      return kept(`render|${card.cacheKey}|print|${size}|${format}|${link?.viewerUrl ?? ''}|${until}`, () =>
        pool.run({
          kind: 'printout',
          size,
          format,
          content: printoutContent(card.summary, card.issuedAt),
          cardQrText: toNumericQr(card.jws),
          ...(link ? { link: { url: link.viewerUrl, until } } : {}),
        }),
      );
    },
  };
}
