import { useCallback, useEffect, useRef, useState } from 'react';
import { decodeQr } from './decode-image.ts';

/** The back camera, read a few times a second until a code is found; stopped as soon as one is. */
export function useCamera(onCode: (text: string) => void) {
  const videoRef = useRef<HTMLVideoElement>(null);
  const streamRef = useRef<MediaStream | undefined>(undefined);
  const [active, setActive] = useState(false);
  const [error, setError] = useState<string>();

  const stop = useCallback(() => {
    for (const track of streamRef.current?.getTracks() ?? []) track.stop();
    streamRef.current = undefined;
    setActive(false);
  }, []);

  const start = useCallback(async () => {
    setError(undefined);
    try {
      const stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
      streamRef.current = stream;
      const video = videoRef.current!;
      video.srcObject = stream;
      await video.play();
      setActive(true);
    } catch (err) {
      const denied = err instanceof DOMException && (err.name === 'NotAllowedError' || err.name === 'SecurityError');
      setError(denied ? 'The camera is blocked. Allow camera access in the browser settings, or use a photo of the code below.' : 'No camera could be started. Use a photo of the code below.');
    }
  }, []);

  useEffect(() => {
    if (!active) return;
    let busy = false;
    const timer = setInterval(() => {
      const video = videoRef.current;
      if (busy || !video || video.readyState < 2) return;
      busy = true;
      decodeQr(video)
        .then((text) => {
          if (text) {
            stop();
            onCode(text);
          }
        })
        .catch(() => undefined)
        .finally(() => (busy = false));
    }, 250);
    return () => clearInterval(timer);
  }, [active, onCode, stop]);

  useEffect(() => stop, [stop]);
  return { videoRef, active, error, start, stop };
}
