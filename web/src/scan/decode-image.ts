import { BarcodeDetector, prepareZXingModule } from 'barcode-detector/ponyfill';
import wasmUrl from 'zxing-wasm/reader/zxing_reader.wasm?url';

// The decoder's WebAssembly comes from our own origin (cached for offline use), never from a CDN.
prepareZXingModule({
  overrides: { locateFile: (path: string, prefix: string) => (path.endsWith('.wasm') ? new URL(wasmUrl, location.href).href : prefix + path) },
  fireImmediately: true,
}).catch(() => undefined);

let detector: BarcodeDetector | undefined;

/** The text of the first QR code in an image, a video frame or a photo; undefined when there is none. */
export async function decodeQr(source: ImageBitmapSource): Promise<string | undefined> {
  detector ??= new BarcodeDetector({ formats: ['qr_code'] });
  const found = await detector.detect(source);
  return found[0]?.rawValue;
}
