import { useState } from 'react';
import { Alert, Button, Checkbox, Descriptions, Form, Input, Radio, Tag, Typography } from 'antd';
import { api } from '../../api/client.ts';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { useI18n } from '../../i18n/LangContext.ts';
import { useLocalName } from '../bits.tsx';
import type { RatingState } from '../types.ts';
import { useHallApi } from '../useHallApi.ts';

/** 好差评 after the decision: five levels, tags, a comment; a poor rating shows the department's reply. */
export function RatingPanel({ caseId }: { caseId: string }) {
  const { t, time } = useI18n();
  const name = useLocalName();
  const { data, error, reload } = useHallApi<RatingState>(`/api/portal/cases/${encodeURIComponent(caseId)}/rating`);
  const [pending, setPending] = useState(false);
  const [postError, setPostError] = useState<unknown>();
  if (error) return <ProblemAlert error={error} onRetry={reload} />;
  if (!data || (!data.canRate && !data.rating)) return null;
  const heading = (
    <Typography.Title level={2} id="rating-title" style={{ fontSize: '1.15em' }}>
      {t('hall.rating.title')}
    </Typography.Title>
  );
  if (data.rating) {
    const r = data.rating;
    const level = data.levels.find((l) => l.level === r.level);
    return (
      <section aria-labelledby="rating-title" data-testid="rating">
        {heading}
        <Descriptions column={1} size="small" bordered>
          <Descriptions.Item label={t('hall.rating.level')}>{level ? name(level.name, level.nameEn) : r.levelName}</Descriptions.Item>
          {r.tags.length > 0 && (
            <Descriptions.Item label={t('hall.rating.tags')}>
              {r.tags.map((code) => {
                const tag = data.tags.find((x) => x.code === code);
                return <Tag key={code}>{tag ? name(tag.name, tag.nameEn) : code}</Tag>;
              })}
            </Descriptions.Item>
          )}
          {r.comment && <Descriptions.Item label={t('hall.rating.comment')}><span style={{ whiteSpace: 'pre-wrap' }}>{r.comment}</span></Descriptions.Item>}
          <Descriptions.Item label={t('hall.rating.at')}>{time(r.createdAt)}</Descriptions.Item>
        </Descriptions>
        {r.rectification && (
          <Alert
            style={{ marginTop: 12 }}
            type={r.rectification.reply ? 'success' : 'info'}
            showIcon
            data-testid="rectification"
            title={r.rectification.reply ? t('hall.rating.replied', { at: time(r.rectification.repliedAt) }) : t('hall.rating.rectifying', { due: r.rectification.dueDate ?? '' })}
            description={r.rectification.reply ? <span style={{ whiteSpace: 'pre-wrap' }}>{r.rectification.reply}</span> : undefined}
          />
        )}
      </section>
    );
  }
  return (
    <section aria-labelledby="rating-title" data-testid="rating-form">
      {heading}
      <Form<{ level: number; tags?: string[]; comment?: string }>
        layout="vertical"
        onFinish={async (v) => {
          setPending(true);
          setPostError(undefined);
          try {
            await api(`/api/portal/cases/${encodeURIComponent(caseId)}/rating`, {
              method: 'POST',
              body: { level: v.level, tags: v.tags ?? [], ...(v.comment?.trim() ? { comment: v.comment.trim() } : {}) },
            });
            reload();
          } catch (cause) {
            setPostError(cause);
          } finally {
            setPending(false);
          }
        }}
      >
        <Form.Item name="level" label={t('hall.rating.level')} rules={[{ required: true, message: t('hall.rating.levelRequired') }]}>
          <Radio.Group optionType="button" style={{ display: 'flex', flexWrap: 'wrap', gap: 4 }}>
            {[...data.levels].sort((a, b) => b.level - a.level).map((l) => (
              <Radio.Button key={l.level} value={l.level}>
                {name(l.name, l.nameEn)}
              </Radio.Button>
            ))}
          </Radio.Group>
        </Form.Item>
        <Form.Item name="tags" label={t('hall.rating.tags')}>
          <Checkbox.Group options={data.tags.map((tag) => ({ value: tag.code, label: name(tag.name, tag.nameEn) }))} />
        </Form.Item>
        <Form.Item name="comment" label={t('hall.rating.comment')} rules={[{ max: 500 }]}>
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
        {postError !== undefined && <div style={{ marginBottom: 12 }}><ProblemAlert error={postError} /></div>}
        <Button type="primary" htmlType="submit" loading={pending}>
          {t('hall.rating.submit')}
        </Button>
      </Form>
    </section>
  );
}
