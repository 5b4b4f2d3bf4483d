import { Alert, Button, Flex, Image, Spin } from 'antd';
import { DownloadOutlined, FilePdfOutlined } from '@ant-design/icons';
import { useI18n } from '../i18n/LangContext.ts';
import { useFileBlob } from './useFileBlob.ts';

/** A material's file: images inline as <img>, PDFs in a frame with the browser's viewer, anything else as a download. */
export function MaterialViewer({ fileId, name }: { fileId: string; name: string }) {
  const { t } = useI18n();
  const { mime, failed, inlineUrl, downloadUrl } = useFileBlob(fileId);
  if (failed) return <Alert type="error" showIcon title={t('office.material.loadFailed')} />;
  if (!mime) return <Spin />;
  const download = (
    <Button href={downloadUrl} download={name} icon={<DownloadOutlined />}>
      {t('office.material.download')}
    </Button>
  );
  if (inlineUrl && mime.startsWith('image/')) {
    return (
      <Flex vertical gap={8}>
        <Image src={inlineUrl} alt={name} style={{ maxWidth: '100%' }} data-testid="material-image" />
        {download}
      </Flex>
    );
  }
  if (inlineUrl && mime === 'application/pdf') {
    // The files API lets pages of this origin frame an inline PDF (and nothing else).
    return (
      <Flex vertical gap={8}>
        <iframe src={inlineUrl} title={name} data-testid="material-pdf" style={{ width: '100%', height: '70vh', minHeight: 360, border: '1px solid #d9d9d9', borderRadius: 6 }} />
        <Flex gap={8} wrap>
          <Button href={inlineUrl} target="_blank" rel="noreferrer" icon={<FilePdfOutlined />}>
            {t('office.material.openPdf')}
          </Button>
          {download}
        </Flex>
      </Flex>
    );
  }
  return download;
}
