import { writeFileSync } from 'node:fs';
import QRCode from 'qrcode';
import { qrSegments } from '../../src/cards/qr-image.ts';

/**
 * A video file Chromium plays as the camera (--use-file-for-fake-video-capture): a QR code drawn
 * into raw YUV 4:2:0 frames (the Y4M format), written in plain Node.
 */
export function writeQrVideo(path: string, qrText: string, width = 640, height = 480, frames = 5): void {
  const { modules } = QRCode.create(qrSegments(qrText), { errorCorrectionLevel: 'L' });
  const quiet = 4;
  const cells = modules.size + quiet * 2;
  const scale = Math.floor((Math.min(width, height) - 20) / cells);
  const left = Math.floor((width - cells * scale) / 2);
  const top = Math.floor((height - cells * scale) / 2);
  const luma = Buffer.alloc(width * height, 255);
  for (let row = 0; row < modules.size; row++) {
    for (let col = 0; col < modules.size; col++) {
      if (!modules.get(row, col)) continue;
      for (let y = 0; y < scale; y++) {
        const offset = (top + (row + quiet) * scale + y) * width + left + (col + quiet) * scale;
        luma.fill(0, offset, offset + scale);
      }
    }
  }
  const chroma = Buffer.alloc((width / 2) * (height / 2) * 2, 128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), luma, chroma]);
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`);
  writeFileSync(path, Buffer.concat([header, ...Array.from({ length: frames }, () => frame)]));
}
