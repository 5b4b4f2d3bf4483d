import { forwardRef, useEffect, useImperativeHandle, useRef, useState } from 'react';
import { Alert } from 'antd';
import Modeler from 'bpmn-js/lib/Modeler';
import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn.css';
import { useI18n } from '../i18n/LangContext.ts';

/** The part of diagram-js's canvas used here. */
interface Canvas {
  zoom: (level: 'fit-viewport', center: 'auto') => number;
  viewbox: (box?: { x: number; y: number; width: number; height: number }) => { x: number; y: number; width: number; height: number };
}

export interface BpmnCanvasHandle {
  /** The diagram as BPMN 2.0 XML (with the edits made in the modeler). */
  xml: () => Promise<string>;
}

export interface BpmnCanvasProps {
  xml: string;
  /** The bpmn-js modeler when true, the navigated viewer otherwise. */
  editable: boolean;
}

/** A process definition drawn (and, for administrators, edited) with bpmn-js. */
export const BpmnCanvas = forwardRef<BpmnCanvasHandle, BpmnCanvasProps>(function BpmnCanvas({ xml, editable }, ref) {
  const { t } = useI18n();
  const container = useRef<HTMLDivElement>(null);
  const instance = useRef<Modeler | NavigatedViewer | null>(null);
  const [failed, setFailed] = useState<string>();

  useEffect(() => {
    if (!container.current) return;
    const Kind = editable ? Modeler : NavigatedViewer;
    const diagram = new Kind({ container: container.current });
    instance.current = diagram;
    setFailed(undefined);
    diagram
      .importXML(xml)
      .then(() => {
        const canvas = diagram.get('canvas') as Canvas;
        canvas.zoom('fit-viewport', 'auto');
        // Leave room on the left for the modeler's tool palette.
        const vb = canvas.viewbox();
        const extra = vb.width * (editable ? 0.3 : 0.04);
        canvas.viewbox({ x: vb.x - extra, y: vb.y, width: vb.width + extra * 1.05, height: vb.height });
      })
      .catch((e: unknown) => setFailed(e instanceof Error ? e.message : String(e)));
    return () => {
      diagram.destroy();
      instance.current = null;
    };
  }, [xml, editable]);

  useImperativeHandle(ref, () => ({
    xml: async () => {
      const d = instance.current;
      if (!d) throw new Error('no diagram');
      const { xml: out } = await d.saveXML({ format: true });
      if (!out) throw new Error('empty diagram');
      return out;
    },
  }), []);

  return (
    <>
      {failed && <Alert type="error" showIcon title={t('office.process.drawFailed', { reason: failed })} />}
      <div ref={container} data-testid="bpmn-canvas" style={{ height: 420, border: '1px solid #f0f0f0', background: '#fff', width: '100%' }} />
    </>
  );
});
