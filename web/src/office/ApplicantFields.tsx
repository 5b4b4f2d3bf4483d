import { Col, Form, Input, Radio, Row, Select } from 'antd';
import { useI18n } from '../i18n/LangContext.ts';

/** 申请人: person or organisation, ID, phone, contact and address (form fields under `applicant`). */
export function ApplicantFields() {
  const { t } = useI18n();
  return (
    <Row gutter={16}>
      <Col xs={24} md={12}>
        <Form.Item name={['applicant', 'type']} label={t('office.applicant.type')} initialValue="organisation" rules={[{ required: true }]}>
          <Radio.Group
            options={[
              { value: 'organisation', label: t('office.applicant.organisation') },
              { value: 'person', label: t('office.applicant.person') },
            ]}
          />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name={['applicant', 'name']} label={t('office.applicant.name')} rules={[{ required: true, min: 2, max: 100 }]}>
          <Input maxLength={100} />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name={['applicant', 'idType']} label={t('office.applicant.idType')} initialValue="credit_code" rules={[{ required: true }]}>
          <Select
            options={['credit_code', 'resident_id', 'passport', 'other'].map((v) => ({ value: v, label: t(`office.idType.${v}` as 'office.idType.credit_code') }))}
          />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item
          name={['applicant', 'idNumber']}
          label={t('office.applicant.idNumber')}
          rules={[{ required: true, pattern: /^[0-9A-Za-z]{6,30}$/, message: t('office.applicant.idNumberRule') }]}
        >
          <Input maxLength={30} />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item
          name={['applicant', 'phone']}
          label={t('office.applicant.phone')}
          rules={[{ required: true, pattern: /^[0-9+-]{7,20}$/, message: t('office.applicant.phoneRule') }]}
        >
          <Input maxLength={20} inputMode="tel" />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name={['applicant', 'contactName']} label={t('office.applicant.contactName')}>
          <Input maxLength={50} />
        </Form.Item>
      </Col>
      <Col xs={24}>
        <Form.Item name={['applicant', 'address']} label={t('office.applicant.address')}>
          <Input maxLength={200} />
        </Form.Item>
      </Col>
    </Row>
  );
}
