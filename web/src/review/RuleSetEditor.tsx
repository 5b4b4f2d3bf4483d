import { useCallback, useEffect, useState } from 'react';
import { App, Alert, Button, Collapse, Flex, Input, Segmented, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { api } from '../api/client.ts';
import { useSubmit } from '../api/useSubmit.ts';
import { useI18n } from '../i18n/LangContext.ts';
import { local } from './format.ts';
import { blankRule, cleanRule } from './ruleDraft.ts';
import { RuleEditor } from './RuleEditor.tsx';
import { RuleSetProblem } from './RuleSetProblem.tsx';
import type { Rule, RuleSet } from './types.ts';
import { VerdictTag } from './VerdictTag.tsx';

export interface RuleSetEditorProps {
  ruleSet: RuleSet;
  layerCodes: string[];
  /** Holders of rules:manage edit; others read. */
  canEdit: boolean;
  onSaved: (saved: RuleSet) => void;
}

/** A rule set as a form (one panel per rule) or as JSON; saving sends the whole set and the server stores a new version. */
export function RuleSetEditor({ ruleSet, layerCodes, canEdit, onSaved }: RuleSetEditorProps) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [rules, setRules] = useState<Rule[]>(ruleSet.rules);
  const [mode, setMode] = useState<'form' | 'json'>('form');
  const [json, setJson] = useState('');
  const [jsonError, setJsonError] = useState<string>();
  const [note, setNote] = useState('');
  const [dirty, setDirty] = useState(false);
  useEffect(() => {
    setRules(ruleSet.rules);
    setDirty(false);
    setNote('');
  }, [ruleSet]);
  const change = (next: Rule[]) => {
    setRules(next);
    setDirty(true);
  };
  const switchMode = (m: 'form' | 'json') => {
    if (m === 'json') setJson(JSON.stringify(rules, null, 2));
    setJsonError(undefined);
    setMode(m);
  };
  const applyJson = (): Rule[] | null => {
    try {
      const parsed = JSON.parse(json) as Rule[];
      if (!Array.isArray(parsed)) throw new Error('not an array of rules');
      setJsonError(undefined);
      change(parsed);
      return parsed;
    } catch (e) {
      setJsonError(e instanceof Error ? e.message : String(e));
      return null;
    }
  };
  const save = useCallback(
    async (list: Rule[]) => {
      const saved = await api<RuleSet>(`/api/review-rule-sets/${encodeURIComponent(ruleSet.itemCode)}`, { method: 'PUT', body: { rules: list.map(cleanRule), note: note.trim() || undefined } });
      void message.success(t('review.rulesPage.saved', { v: saved.version }));
      onSaved(saved);
    },
    [ruleSet.itemCode, note, message, t, onSaved],
  );
  const submit = useSubmit(save);
  const onSave = () => {
    const list = mode === 'json' ? applyJson() : rules;
    if (list) void submit.run(list);
  };

  return (
    <Flex vertical gap={12} data-testid="rule-set-editor">
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Segmented<'form' | 'json'> value={mode} onChange={switchMode} options={[{ value: 'form', label: t('review.rulesPage.form') }, { value: 'json', label: t('review.rulesPage.json') }]} />
        {dirty && <Typography.Text type="warning">{t('review.rulesPage.dirty')}</Typography.Text>}
      </Flex>
      {mode === 'form' ? (
        <>
          <Collapse
            size="small"
            items={rules.map((r, i) => ({
              key: String(i),
              label: (
                <Flex gap={8} align="center" wrap>
                  <Typography.Text strong>{local(r.title, lang) || r.id}</Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.id} · {r.layer} · {r.measure}</Typography.Text>
                  {r.thresholds.map((th, k) => <VerdictTag key={k} verdict={th.verdict} />)}
                </Flex>
              ),
              extra: canEdit ? (
                <Button size="small" danger type="text" onClick={(e) => { e.stopPropagation(); change(rules.filter((_, k) => k !== i)); }}>
                  {t('review.rule.remove')}
                </Button>
              ) : undefined,
              children: <RuleEditor index={i} rule={r} layerCodes={layerCodes} readOnly={!canEdit} onChange={(next) => change(rules.map((x, k) => (k === i ? next : x)))} />,
            }))}
          />
          {canEdit && (
            <Button icon={<PlusOutlined />} onClick={() => change([...rules, blankRule(rules.length + 1)])} style={{ alignSelf: 'flex-start' }}>
              {t('review.rule.addRule')}
            </Button>
          )}
        </>
      ) : (
        <>
          <Input.TextArea value={json} onChange={(e) => setJson(e.target.value)} readOnly={!canEdit} autoSize={{ minRows: 16, maxRows: 40 }} spellCheck={false} style={{ fontFamily: 'monospace', fontSize: 12 }} />
          {canEdit && <Button onClick={applyJson} style={{ alignSelf: 'flex-start' }}>{t('review.rulesPage.jsonApply')}</Button>}
          {jsonError && <Alert type="error" showIcon title={t('review.rulesPage.jsonBad', { reason: jsonError })} />}
        </>
      )}
      {canEdit && (
        <Flex gap={8} wrap align="center">
          <Input value={note} onChange={(e) => setNote(e.target.value)} maxLength={500} placeholder={t('review.rulesPage.note')} aria-label={t('review.rulesPage.note')} style={{ flex: '1 1 260px' }} data-testid="rule-set-note" />
          <Button type="primary" loading={submit.pending} onClick={onSave} data-testid="rule-set-save">{t('review.rulesPage.save')}</Button>
        </Flex>
      )}
      {submit.error !== undefined && <RuleSetProblem error={submit.error} />}
    </Flex>
  );
}
