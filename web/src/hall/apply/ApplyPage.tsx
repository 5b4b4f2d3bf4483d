import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Alert, Button, Card, Flex, Form, Result, Steps, Typography, Grid } from 'antd';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { api, ApiError } from '../../api/client.ts';
import { errorText } from '../../api/errorText.ts';
import { Loading } from '../../components/Loading.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { useI18n } from '../../i18n/LangContext.ts';
import { useLocalName } from '../bits.tsx';
import { cleanProject, formProblems } from '../formRules.ts';
import type { Draft, DraftMaterial, GuideDetail, Submitted } from '../types.ts';
import { useHallApi } from '../useHallApi.ts';
import { BoundaryStep } from './BoundaryStep.tsx';
import { ConfirmStep, type Blocker } from './ConfirmStep.tsx';
import { MaterialsStep } from './MaterialsStep.tsx';
import { ProjectStep, useProblemText } from './ProjectStep.tsx';
import { submissionKey, submitDraft } from './submitDraft.ts';
import { useDraft, type SaveState } from './useDraft.ts';

type StepKey = 'project' | 'materials' | 'boundary' | 'confirm';

function SaveStatus({ state, savedAt, error }: { state: SaveState; savedAt?: string; error: unknown }) {
  const { t, lang, time } = useI18n();
  const text =
    state === 'saving' || state === 'pending' ? t('hall.draft.saving')
    : state === 'saved' ? t('hall.draft.saved', { at: time(savedAt) })
    : state === 'conflict' ? t('hall.draft.conflict')
    : state === 'error' ? `${t('hall.draft.saveFailed')} ${errorText(error, lang, t)}`
    : '';
  return (
    <Typography.Text role="status" aria-live="polite" type={state === 'error' || state === 'conflict' ? 'danger' : 'secondary'} data-testid="save-status">
      {text}
    </Typography.Text>
  );
}

/** Creates a draft for the item once, then puts its id in the URL so a reload resumes it. */
function useDraftId(code: string) {
  const [params, setParams] = useSearchParams();
  const id = params.get('draft');
  const [error, setError] = useState<unknown>();
  const creating = useRef(false);
  useEffect(() => {
    if (id || creating.current) return;
    creating.current = true;
    api<Draft>('/api/portal/drafts', { method: 'POST', body: { itemCode: code } }).then(
      (d) => setParams({ draft: d.id }, { replace: true }),
      (cause: unknown) => setError(cause),
    );
  }, [id, code, setParams]);
  return { id, error };
}

/** 在线申办: the guided application of one item — form, materials, boundary and pre-check, submission. */
export function ApplyPage() {
  const { code = '' } = useParams();
  const { t, lang } = useI18n();
  const name = useLocalName();
  const problemText = useProblemText();
  const screens = Grid.useBreakpoint();
  const guide = useHallApi<GuideDetail>(`/api/portal/guides/${encodeURIComponent(code)}`);
  const { id, error: createError } = useDraftId(code);
  const { draft, setDraft, loadError, save, saveNow, saveState, saveError, savedAt, latest } = useDraft(id);
  const [form] = Form.useForm<Record<string, unknown>>();
  const [step, setStep] = useState(0);
  const [submitted, setSubmitted] = useState<Submitted>();
  const [submitError, setSubmitError] = useState<unknown>();
  const [submitting, setSubmitting] = useState(false);
  const loadedFor = useRef<string | null>(null);

  const g = guide.data?.guide;
  const fields = useMemo(() => g?.formSchema.fields ?? [], [g]);
  const steps: StepKey[] = useMemo(() => (g?.spatialReview.required ? ['project', 'materials', 'boundary', 'confirm'] : ['project', 'materials', 'confirm']), [g]);
  const stepName = useCallback((i: number) => t(`hall.step.${steps[i] ?? 'confirm'}`), [steps, t]);
  const indexOf = (k: StepKey) => steps.indexOf(k);

  // Fill the form once per draft from what was saved.
  useEffect(() => {
    if (draft && loadedFor.current !== draft.id) {
      loadedFor.current = draft.id;
      form.setFieldsValue(draft.project);
    }
  }, [draft, form]);

  const onProjectChange = () => {
    if (!latest.current) return;
    save({ project: cleanProject(fields, form.getFieldsValue(true) as Record<string, unknown>), materials: latest.current.materials });
  };
  // Uploads finish in any order: change the materials as they stand now, not as they were when the upload began.
  const onMaterials = (change: (current: DraftMaterial[]) => DraftMaterial[]) => {
    if (!latest.current) return;
    save({ project: latest.current.project, materials: change(latest.current.materials) }, 0);
  };

  const blockers: Blocker[] = useMemo(() => {
    if (!draft || !guide.data) return [];
    const out: Blocker[] = formProblems(fields, draft.project).map((p) => ({ text: problemText(p.field, p.problem), step: 0 }));
    for (const m of guide.data.materials) {
      if (m.requirement === 'required' && !draft.materials.some((x) => x.code === m.code)) out.push({ text: t('hall.confirm.materialMissing', { name: m.name }), step: indexOf('materials') });
    }
    if (g?.spatialReview.required && !draft.boundaryFileName) out.push({ text: t('hall.confirm.boundaryMissing'), step: indexOf('boundary') });
    return out;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [draft, guide.data, fields, lang]);

  const goto = async (next: number) => {
    if (steps[step] === 'project' && next > step) {
      try {
        await form.validateFields();
      } catch {
        // Moving on with an unfinished form is allowed (the draft keeps it); the confirm step lists what is missing.
      }
    }
    await saveNow();
    setStep(next);
    document.getElementById('apply-step-title')?.focus();
  };

  const submit = async () => {
    if (!draft) return;
    setSubmitError(undefined);
    if (blockers.length > 0) return;
    setSubmitting(true);
    try {
      await saveNow();
      setSubmitted(await submitDraft(draft.id, submissionKey(draft.id)));
    } catch (cause) {
      setSubmitError(cause);
      if (cause instanceof ApiError && cause.code === 'APPLICATION_INVALID' && Array.isArray(cause.problem?.errors)) {
        const errors = cause.problem.errors as { field: string; message: string }[];
        form.setFields(errors.filter((e) => fields.some((f) => f.key === e.field)).map((e) => ({ name: e.field, errors: [e.message] })));
      }
    } finally {
      setSubmitting(false);
    }
  };

  const failure = guide.error ?? createError ?? loadError;
  if (failure) return <ProblemAlert error={failure} />;
  if (!guide.data || !draft || !g) return <Loading />;

  const title = t('hall.apply.title', { name: name(g.name, g.nameEn) });
  if (submitted || draft.submittedCaseId) {
    return (
      <>
        <PageHeading title={title} />
        <Result
          status="success"
          title={submitted ? t('hall.apply.submitted') : t('hall.apply.alreadySubmitted')}
          subTitle={
            submitted && (
              <span data-testid="submitted">
                {t('hall.apply.caseNo')}：<strong data-testid="case-no">{submitted.caseNo}</strong>
                <br />
                {t('hall.apply.queryCode')}：<strong data-testid="query-code">{submitted.queryCode}</strong>
                <br />
                {t('hall.apply.keepCode')}
              </span>
            )
          }
          extra={
            <Link to={`/hall/cases/${encodeURIComponent(submitted?.caseId ?? draft.submittedCaseId ?? '')}`}>{t('hall.apply.toCase')}</Link>
          }
        />
      </>
    );
  }

  const key = steps[step]!;
  const missingProblem = submitError instanceof ApiError && submitError.code === 'MATERIALS_MISSING' ? (submitError.problem?.missing as { code: string; name: string }[] | undefined) : undefined;
  return (
    <>
      <PageHeading title={title} description={t('hall.apply.desc')} extra={<SaveStatus state={saveState} savedAt={savedAt} error={saveError} />} />
      <Steps
        current={step}
        size="small"
        direction={screens.sm ? 'horizontal' : 'vertical'}
        onChange={(n) => void goto(n)}
        items={steps.map((s) => ({ title: t(`hall.step.${s}`) }))}
        style={{ marginBottom: 16 }}
      />
      {saveState === 'conflict' && <Alert type="warning" showIcon title={t('hall.draft.conflictDetail')} style={{ marginBottom: 12 }} />}
      <Card size="small">
        <Typography.Title level={2} id="apply-step-title" tabIndex={-1} style={{ fontSize: '1.2em', marginTop: 0 }}>
          {stepName(step)}
        </Typography.Title>
        <div hidden={key !== 'project'}>
          <ProjectStep form={form} fields={fields} onChange={onProjectChange} />
        </div>
        <div hidden={key !== 'materials'}>
          <MaterialsStep materials={guide.data.materials} uploaded={draft.materials} onChange={onMaterials} />
        </div>
        {key === 'boundary' && <BoundaryStep draft={draft} onDraft={setDraft} />}
        {key === 'confirm' && (
          <>
            <ConfirmStep draft={draft} fields={fields} materials={guide.data.materials} blockers={blockers} onGoto={(n) => void goto(n)} stepName={stepName} />
            {submitError !== undefined && (
              <div style={{ marginTop: 16 }} data-testid="submit-error">
                <ProblemAlert error={submitError} />
                {missingProblem && (
                  <ul>
                    {missingProblem.map((m) => (
                      <li key={m.code}>{m.name}</li>
                    ))}
                  </ul>
                )}
                {submitError instanceof ApiError && submitError.code === 'DRAFT_ALREADY_SUBMITTED' && typeof submitError.problem?.caseId === 'string' && (
                  <Link to={`/hall/cases/${encodeURIComponent(submitError.problem.caseId)}`}>{t('hall.apply.toCase')}</Link>
                )}
              </div>
            )}
          </>
        )}
        <Flex justify="space-between" gap={8} wrap style={{ marginTop: 16 }}>
          <Button disabled={step === 0} onClick={() => void goto(step - 1)}>
            {t('hall.apply.prev')}
          </Button>
          {key === 'confirm' ? (
            <Button type="primary" size="large" loading={submitting} disabled={blockers.length > 0} onClick={() => void submit()} data-testid="submit-application">
              {t('hall.apply.submit')}
            </Button>
          ) : (
            <Button type="primary" onClick={() => void goto(step + 1)}>
              {t('hall.apply.next')}
            </Button>
          )}
        </Flex>
      </Card>
    </>
  );
}
