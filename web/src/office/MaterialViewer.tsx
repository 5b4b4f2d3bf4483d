import { Alert, Button, Flex, Image, Spin } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useI18n } from '../i18n/LangContext.ts';
import { useFileBlob } from './useFileBlob.ts';

/** A material's file shown inline: images as <img>, PDFs in an <object>, anything else as a download. */
export function MaterialViewer({ fileId, name }: { fileId: string; name: string }) {
  const { t } = useI18n();
  const { url, mime, failed } = useFileBlob(fileId);
  if (failed) return <Alert type="error" showIcon title={t('office.material.loadFailed')} />;
  if (!url) return <Spin />;
  const download = (
    <Button href={url} download={name} icon={<DownloadOutlined />}>
      {t('office.material.download')}
    </Button>
  );
  if (mime?.startsWith('image/')) {
    return (
      <Flex vertical gap={8}>
        <Image src={url} alt={name} style={{ maxWidth: '100%' }} />
        {download}
      </Flex>
    );
  }
  if (mime === 'application/pdf') {
    return (
      <Flex vertical gap={8}>
        <object data={url} type="application/pdf" aria-label={name} style={{ width: '100%', height: 560, border: '1px solid #f0f0f0' }}>
          {download}
        </object>
        {download}
      </Flex>
    );
  }
  return download;
}
