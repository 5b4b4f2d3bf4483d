// The package's main entry ships without type declarations; this is the part the module uses.
declare module 'bpmn-moddle' {
  export interface ModdleElement {
    $type: string;
    id?: string;
    name?: string;
    get(name: string): any;
    set(name: string, value: unknown): void;
    [key: string]: any;
  }
  export interface ParseResult {
    rootElement: ModdleElement;
    warnings: { message: string }[];
    references: unknown[];
  }
  export class BpmnModdle {
    constructor(packages?: Record<string, unknown>);
    create(type: string, attrs?: Record<string, unknown>): ModdleElement;
    fromXML(xml: string, typeName?: string): Promise<ParseResult>;
    toXML(element: ModdleElement, options?: { format?: boolean }): Promise<{ xml: string }>;
  }
}
