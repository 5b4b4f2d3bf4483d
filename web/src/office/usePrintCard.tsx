import { useCallback, useState } from 'react';

/** Print CSS: only the element marked data-print="on" is printed. */
const PRINT_CSS = `@media print {
  body * { visibility: hidden; }
  [data-print="on"], [data-print="on"] * { visibility: visible; }
  [data-print="on"] { position: absolute; left: 0; top: 0; width: 100%; }
}`;

/** Prints one card of the page (a notice) through the browser's print dialog. */
export function usePrintCard() {
  const [target, setTarget] = useState<string>();
  const print = useCallback((id: string) => {
    setTarget(id);
    // Let React mark the card before the dialog opens.
    window.setTimeout(() => {
      window.print();
      setTarget(undefined);
    }, 50);
  }, []);
  const mark = (id: string) => ({ 'data-print': target === id ? 'on' : 'off' });
  const style = target ? <style>{PRINT_CSS}</style> : null;
  return { print, mark, style };
}
