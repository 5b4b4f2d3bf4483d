import { useCallback, useId, useState } from 'react';
import { App, Button, Flex, Input, Typography } from 'antd';
import { CheckOutlined } from '@ant-design/icons';
import { api } from '../api/client.ts';
import { useSubmit } from '../api/useSubmit.ts';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { useI18n } from '../i18n/LangContext.ts';
import type { ReviewFlag } from './types.ts';

export interface FlagAcknowledgeProps {
  flag: ReviewFlag;
  /** The flag as the server returned it after the acknowledgement. */
  onDone: (flag: ReviewFlag) => void;
}

/** The reviewer acknowledges a re-review flag, optionally saying what they did (POST …/acknowledge); who and when once done. */
export function FlagAcknowledge({ flag, onDone }: FlagAcknowledgeProps) {
  const { t, time } = useI18n();
  const { message } = App.useApp();
  const [note, setNote] = useState('');
  const noteId = useId();
  const action = useCallback(async () => {
    const body = note.trim() ? { note: note.trim() } : {};
    const done = await api<ReviewFlag>(`/api/reviews/flags/${flag.id}/acknowledge`, { method: 'POST', body });
    void message.success(t('reviewFlags.done'));
    onDone(done);
  }, [flag.id, note, message, t, onDone]);
  const submit = useSubmit(action);

  if (flag.acknowledgedAt) {
    return (
      <Flex vertical gap={4} data-testid={`flag-acknowledged-${flag.id}`}>
        <Typography.Text type="secondary">{t('reviewFlags.acknowledgedBy', { name: flag.acknowledgedByName ?? '—', at: time(flag.acknowledgedAt) })}</Typography.Text>
        {flag.note && <Typography.Text type="secondary">{t('reviewFlags.acknowledgedNote', { note: flag.note })}</Typography.Text>}
      </Flex>
    );
  }
  return (
    <Flex vertical gap={8} data-testid={`flag-acknowledge-${flag.id}`} style={{ maxWidth: 560 }}>
      <label htmlFor={noteId}>{t('reviewFlags.note')}</label>
      <Input.TextArea id={noteId} value={note} onChange={(e) => setNote(e.target.value)} maxLength={500} showCount autoSize={{ minRows: 2, maxRows: 5 }} placeholder={t('reviewFlags.notePlaceholder')} />
      <div>
        <Button type="primary" icon={<CheckOutlined />} loading={submit.pending} onClick={() => void submit.run(undefined)}>
          {t('reviewFlags.acknowledge')}
        </Button>
      </div>
      {submit.error !== undefined && <ProblemAlert error={submit.error} />}
    </Flex>
  );
}
