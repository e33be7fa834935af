import { holdPageAudio } from './audio-context';

/**
 * Follows a microphone's loudness, 0 to 1, a few times a second: the pre-join check shows it so
 * a person sees that they can be heard before the provider has to ask. Returns a stop function.
 */
export function watchMicLevel(stream: MediaStream, onlevel: (level: number) => void): () => void {
  const held = stream.getAudioTracks().length > 0 ? holdPageAudio() : undefined;
  if (!held) return () => undefined;
  const { context } = held;
  const source = context.createMediaStreamSource(stream);
  const analyser = context.createAnalyser();
  analyser.fftSize = 1024;
  source.connect(analyser);
  const samples = new Float32Array(analyser.fftSize);
  let smoothed = 0;
  const timer = setInterval(() => {
    // Pages opened without a click start their AudioContext suspended; resume when allowed.
    if (context.state === 'suspended') void context.resume().catch(() => undefined);
    analyser.getFloatTimeDomainData(samples);
    let sum = 0;
    for (const s of samples) sum += s * s;
    const rms = Math.sqrt(sum / samples.length);
    // Speech sits around -40 to -10 dBFS: map that range onto the meter.
    const db = 20 * Math.log10(rms || 1e-8);
    const level = Math.min(1, Math.max(0, (db + 60) / 50));
    smoothed = level > smoothed ? level : smoothed * 0.8 + level * 0.2;
    onlevel(smoothed);
  }, 100);
  return () => {
    clearInterval(timer);
    source.disconnect();
    analyser.disconnect();
    held.release();
  };
}
