import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { BpmnModdle } from 'bpmn-moddle';
import { canonicalJson } from '../../src/core/audit/audit.ts';
import { testDbs } from '../helpers/db.ts';
import { testApp, type TestApp } from '../helpers/app.ts';

for (const kind of testDbs) {
  describe(`BPMN 2.0 export and import on ${kind.name}`, () => {
    let t: TestApp;
    let admin: string;
    before(async () => {
      t = await testApp(await kind.get());
      admin = await t.login((await t.user(['item_admin'], { department: 'approval_window' })).username);
    });
    after(() => t.close());

    it('exports a definition as BPMN 2.0 with diagram shapes and edges that a standard reader parses without warnings', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/api/service-items/YDYS/process/bpmn', headers: { cookie: admin } });
      assert.equal(res.statusCode, 200);
      assert.match(res.headers['content-type'] as string, /application\/xml/);
      const { rootElement, warnings } = await new BpmnModdle().fromXML(res.body);
      assert.deepEqual(warnings, []);
      const process = rootElement.get('rootElements')[0];
      const types = process.get('flowElements').map((e: any) => e.$type);
      assert.equal(types.filter((x: string) => x === 'bpmn:UserTask').length, 11);
      assert.ok(types.includes('bpmn:InclusiveGateway'), 'the fork with a conditional branch is inclusive');
      const plane = rootElement.get('diagrams')[0].plane;
      const shapes = plane.planeElement.filter((e: any) => e.$type === 'bpmndi:BPMNShape');
      const edges = plane.planeElement.filter((e: any) => e.$type === 'bpmndi:BPMNEdge');
      assert.equal(shapes.length, process.get('flowElements').filter((e: any) => e.$type !== 'bpmn:SequenceFlow').length);
      assert.equal(edges.length, types.filter((x: string) => x === 'bpmn:SequenceFlow').length);
      assert.ok(shapes.every((s: any) => s.bounds.width > 0 && s.bounds.height > 0));
      const cond = process.get('flowElements').find((e: any) => e.conditionExpression);
      assert.equal(cond.conditionExpression.body, 'project.landArea > 100000');
    });

    it('a BPMN file in the same subset imports back as an equal new version (round trip)', async () => {
      const current = (await t.app.inject({ method: 'GET', url: '/api/service-items/YDYS/process' })).json();
      const xml = (await t.app.inject({ method: 'GET', url: '/api/service-items/YDYS/process/bpmn', headers: { cookie: admin } })).body;
      const res = await t.app.inject({ method: 'POST', url: '/api/service-items/YDYS/process/bpmn', headers: { cookie: admin }, payload: { xml, name: '导入的流程', reason: '建模工具修改后导入' } });
      assert.equal(res.statusCode, 201, res.body);
      assert.equal(res.json().version, current.version + 1);
      assert.equal(canonicalJson(res.json().graph), canonicalJson(current.graph));
    });

    it('unsupported elements, broken XML and structural errors are refused with 422 and save nothing', async () => {
      const xml = (await t.app.inject({ method: 'GET', url: '/api/service-items/JSYDGH/process/bpmn', headers: { cookie: admin } })).body;
      const before = (await t.app.inject({ method: 'GET', url: '/api/service-items/JSYDGH/process/versions', headers: { cookie: admin } })).json().versions.length;
      const post = (x: string) => t.app.inject({ method: 'POST', url: '/api/service-items/JSYDGH/process/bpmn', headers: { cookie: admin }, payload: { xml: x, name: '导入', reason: '测试导入' } });
      const timer = xml.replace('<bpmn:endEvent', '<bpmn:intermediateCatchEvent id="wait" name="等待"><bpmn:timerEventDefinition /></bpmn:intermediateCatchEvent><bpmn:endEvent');
      const r1 = await post(timer);
      assert.equal(r1.statusCode, 422);
      assert.equal(r1.json().code, 'BPMN_INVALID');
      assert.match(r1.json().detail, /IntermediateCatchEvent is not supported/);
      const r2 = await post('<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"><bpmn:process id="p"');
      assert.equal(r2.statusCode, 422);
      const r3 = await post(xml.replace(/(phase="handle"[^>]*returnTargets=)""/, '$1"approve"'));
      assert.equal(r3.statusCode, 422);
      assert.equal(r3.json().code, 'DEFINITION_INVALID');
      const r4 = await post(`<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>${xml.replace(/^<\?xml[^>]*>/, '')}`);
      assert.equal(r4.statusCode, 422);
      const after = (await t.app.inject({ method: 'GET', url: '/api/service-items/JSYDGH/process/versions', headers: { cookie: admin } })).json().versions.length;
      assert.equal(after, before);
    });
  });
}
