import { useState } from 'react';
import { Alert, Button, Flex, Typography, Upload } from 'antd';
import { EnvironmentOutlined } from '@ant-design/icons';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { useI18n } from '../i18n/LangContext.ts';
import { postReview } from './postReview.ts';
import { ReviewSummary } from './ReviewSummary.tsx';
import type { ReviewReport } from './types.ts';

export interface BoundaryReviewProps {
  itemCode: string;
  report: ReviewReport | undefined;
  onReport: (r: ReviewReport | undefined) => void;
}

/** Optional boundary file (TXT, zipped Shapefile, GeoJSON, DXF) run through the spatial pre-review. */
export function BoundaryReview({ itemCode, report, onReport }: BoundaryReviewProps) {
  const { t } = useI18n();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>();
  return (
    <Flex vertical gap={8}>
      <Typography.Text type="secondary">{t('office.boundary.hint')}</Typography.Text>
      <Upload
        showUploadList={false}
        accept=".txt,.zip,.geojson,.json,.dxf"
        customRequest={({ file }) => {
          setPending(true);
          setError(undefined);
          onReport(undefined);
          postReview(file as File, itemCode)
            .then(onReport)
            .catch(setError)
            .finally(() => setPending(false));
        }}
      >
        <Button icon={<EnvironmentOutlined />} loading={pending}>
          {t('office.boundary.upload')}
        </Button>
      </Upload>
      {error !== undefined && <ProblemAlert error={error} />}
      {report && (
        <>
          <Alert type="info" showIcon title={t('office.boundary.done')} />
          <ReviewSummary report={report} />
        </>
      )}
    </Flex>
  );
}
