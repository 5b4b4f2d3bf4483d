import { Alert, Button, Flex, Image, Spin } from 'antd';
import { DownloadOutlined, FilePdfOutlined } from '@ant-design/icons';
import { useI18n } from '../i18n/LangContext.ts';
import { useFileBlob } from './useFileBlob.ts';

/** A material's file: images inline as <img>, PDFs in the browser's viewer, anything else as a download. */
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
    // The page's content security policy allows no framed or embedded documents: a PDF opens in
    // the browser's own viewer in a new tab.
    return (
      <Flex gap={8} wrap>
        <Button type="primary" href={url} target="_blank" rel="noreferrer" icon={<FilePdfOutlined />}>
          {t('office.material.openPdf')}
        </Button>
        {download}
      </Flex>
    );
  }
  return download;
}
