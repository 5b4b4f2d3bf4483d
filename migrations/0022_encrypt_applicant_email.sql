-- The e-mail address given at registration is personal information and is kept SM4-encrypted like
-- the ID and phone numbers (等保 2.0: confidentiality of personal information in storage). The
-- ciphertext needs more room than the 254-character CHECK on the old column allows; addresses stored
-- there in plain text are encrypted into email_enc and cleared when the service starts
-- (ApplicantAccounts.encryptStoredEmails), which needs the key the database does not have.
ALTER TABLE applicants ADD COLUMN email_enc text;
