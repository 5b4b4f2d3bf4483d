/**
 * Who may do what with documents. Issuing and revoking certificates is 制证 (case:certify, the
 * window clerks); previewing notice templates needs any case reader. Reading and verifying a
 * certificate is public on purpose (the QR code on the paper leads there).
 */
export const DocumentPermissions = {
  issue: 'case:certify',
  revoke: 'case:certify',
  preview: 'case:read',
  /** Replacing the signing key is key management, a security administrator's duty (三权分立). */
  rotateKey: 'security:policy',
} as const;
