import { Card, Typography } from 'antd';
import { PageHeading } from '../components/PageHeading.tsx';
import { useI18n } from '../i18n/LangContext.ts';

export type PlaceholderFace = 'office' | 'map' | 'share' | 'ops' | 'm';

/** Placeholder for a face that is not built yet: its title, purpose and what is coming. */
export function FacePage({ face }: { face: PlaceholderFace }) {
  const { t } = useI18n();
  return (
    <>
      <PageHeading title={t(`face.${face}`)} description={t(`face.${face}.desc`)} />
      <Card>
        <Typography.Paragraph style={{ marginBottom: 0 }}>{t(`face.${face}.coming`)}</Typography.Paragraph>
      </Card>
    </>
  );
}
