/**
 * The certificate types the bureau issues (自然资规〔2019〕2号 "多审合一、多证合一"), keyed by the
 * service-item code that produces them. The texts follow the national certificate templates.
 */
export interface CertificateType {
  code: CertificateTypeCode;
  name: string;
  nameEn: string;
  /** Label of the holder row: 用地单位, 建设单位（个人） … */
  holderLabel: string;
  /** Label of the location row. */
  locationLabel: string;
  /** The sentence above the table. */
  preamble: string;
}

export const CERTIFICATE_TYPE_CODES = ['YDYS', 'JSYDGH', 'JSGCGH', 'XCJSGH'] as const;
export type CertificateTypeCode = (typeof CERTIFICATE_TYPE_CODES)[number];

export const CERTIFICATE_TYPES: Readonly<Record<CertificateTypeCode, CertificateType>> = {
  YDYS: {
    code: 'YDYS',
    name: '建设项目用地预审与选址意见书',
    nameEn: 'Land pre-examination and site-selection opinion',
    holderLabel: '建设单位',
    locationLabel: '拟选位置',
    preamble: '根据《中华人民共和国土地管理法》《中华人民共和国城乡规划法》和国家有关规定，经审核，本建设项目符合国土空间用途管制要求，核发此书。',
  },
  JSYDGH: {
    code: 'JSYDGH',
    name: '建设用地规划许可证',
    nameEn: 'Construction land planning permit',
    holderLabel: '用地单位',
    locationLabel: '用地位置',
    preamble: '根据《中华人民共和国城乡规划法》和国家有关规定，经审核，本用地项目符合国土空间规划和用途管制要求，颁发此证。',
  },
  JSGCGH: {
    code: 'JSGCGH',
    name: '建设工程规划许可证',
    nameEn: 'Construction project planning permit',
    holderLabel: '建设单位（个人）',
    locationLabel: '建设位置',
    preamble: '根据《中华人民共和国城乡规划法》第四十条和国家有关规定，经审核，本建设工程符合国土空间规划和用途管制要求，颁发此证。',
  },
  XCJSGH: {
    code: 'XCJSGH',
    name: '乡村建设规划许可证',
    nameEn: 'Rural construction planning permit',
    holderLabel: '建设单位（个人）',
    locationLabel: '建设位置',
    preamble: '根据《中华人民共和国城乡规划法》第四十一条和国家有关规定，经审核，本建设项目符合国土空间规划和用途管制要求，颁发此证。',
  },
};

export function isCertificateType(code: string): code is CertificateTypeCode {
  return (CERTIFICATE_TYPE_CODES as readonly string[]).includes(code);
}
