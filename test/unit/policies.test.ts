import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BUILTIN_ROLES, facesFor } from '../../src/core/auth/permissions.ts';
import { dutySeparationProblem, requiresMfa } from '../../src/core/auth/policies.ts';

describe('三权分立 policy', () => {
  it('refuses a set combining two administrator groups', () => {
    assert.match(dutySeparationProblem(['user:manage', 'audit:read'])!, /system and audit/);
    assert.match(dutySeparationProblem(['role:manage', 'config:manage'])!, /system and security/);
  });
  it('refuses administrator permissions together with business permissions', () => {
    assert.match(dutySeparationProblem(['role:manage', 'case:decide'])!, /business/);
  });
  it('accepts one administrator group alone, and business permissions alone', () => {
    assert.equal(dutySeparationProblem(['user:manage', 'config:manage']), null);
    assert.equal(dutySeparationProblem(['case:read', 'case:decide', 'layer:read']), null);
  });
  it('keeps every built-in role within the rule', () => {
    for (const r of BUILTIN_ROLES) assert.equal(dutySeparationProblem(r.permissions), null, r.code);
  });
  it('requires a second factor exactly for administrator permissions', () => {
    assert.equal(requiresMfa(['audit:read']), true);
    assert.equal(requiresMfa(['case:read', 'case:accept']), false);
  });
  it('derives navigation faces from permissions', () => {
    assert.deepEqual(facesFor(new Set(['audit:read', 'audit:verify'])), ['audit']);
    assert.deepEqual(facesFor(new Set(['case:accept', 'layer:read'])), ['office', 'map']);
  });
});
