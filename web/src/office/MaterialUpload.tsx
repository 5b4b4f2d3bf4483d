import { useState } from 'react';
import { Button, Flex, Select, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { api } from '../api/client.ts';
import { useSubmit } from '../api/useSubmit.ts';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { uploadFile } from '../data/uploadFile.ts';
import { useI18n } from '../i18n/LangContext.ts';
import type { ItemMaterial } from './types.ts';

export interface MaterialUploadProps {
  caseId: string;
  materials: ItemMaterial[];
  onUploaded: () => void;
}

/** A new version of one material (补正): pick the material, upload the file (POST /api/cases/:id/materials). */
export function MaterialUpload({ caseId, materials, onUploaded }: MaterialUploadProps) {
  const { t } = useI18n();
  const [code, setCode] = useState<string>();
  const upload = useSubmit(async (file: File) => {
    const stored = await uploadFile(file);
    await api(`/api/cases/${caseId}/materials`, { method: 'POST', body: { code, fileId: stored.id } });
    onUploaded();
  });
  return (
    <Flex vertical gap={8}>
      <Flex gap={8} wrap>
        <Select
          aria-label={t('office.material.pick')}
          placeholder={t('office.material.pick')}
          style={{ minWidth: 240, maxWidth: '100%' }}
          value={code}
          onChange={setCode}
          options={materials.map((m) => ({ value: m.code, label: m.name }))}
        />
        <Upload showUploadList={false} disabled={!code} customRequest={({ file }) => void upload.run(file as File)}>
          <Button icon={<UploadOutlined />} disabled={!code} loading={upload.pending}>
            {t('office.material.uploadVersion')}
          </Button>
        </Upload>
      </Flex>
      {upload.error !== undefined && <ProblemAlert error={upload.error} />}
    </Flex>
  );
}
