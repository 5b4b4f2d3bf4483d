import { useCallback, useEffect, useSyncExternalStore } from 'react';

/** 适老化 display settings of the hall, kept in localStorage and applied as classes on <html>. */
export interface DisplaySettings {
  largeText: boolean;
  highContrast: boolean;
}

const KEY = 'landgov.hall.display';
const listeners = new Set<() => void>();
let current: DisplaySettings = read();

function read(): DisplaySettings {
  try {
    const raw = JSON.parse(localStorage.getItem(KEY) ?? '{}') as Partial<DisplaySettings>;
    return { largeText: raw.largeText === true, highContrast: raw.highContrast === true };
  } catch {
    return { largeText: false, highContrast: false };
  }
}

function apply(s: DisplaySettings) {
  const root = document.documentElement.classList;
  root.toggle('hall-large-text', s.largeText);
  root.toggle('hall-high-contrast', s.highContrast);
}

function update(next: DisplaySettings) {
  current = next;
  try {
    localStorage.setItem(KEY, JSON.stringify(next));
  } catch {
    // Not persisting is acceptable; the setting still applies to this page.
  }
  apply(next);
  for (const l of listeners) l();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The display settings and their toggles; applies them to <html> while the hall is shown. */
export function useDisplaySettings(): DisplaySettings & { toggleLargeText: () => void; toggleHighContrast: () => void } {
  const s = useSyncExternalStore(subscribe, () => current);
  useEffect(() => {
    apply(s);
  }, [s]);
  // Staff pages keep their normal look: remove the classes when the hall unmounts.
  useEffect(() => () => apply({ largeText: false, highContrast: false }), []);
  const toggleLargeText = useCallback(() => update({ ...current, largeText: !current.largeText }), []);
  const toggleHighContrast = useCallback(() => update({ ...current, highContrast: !current.highContrast }), []);
  return { ...s, toggleLargeText, toggleHighContrast };
}
