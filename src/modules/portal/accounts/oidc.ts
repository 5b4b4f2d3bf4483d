import * as client from 'openid-client';
import type { RequestContext } from '../../../core/auth/service.ts';
import type { OidcConfig } from '../../../core/config.ts';
import type { AppContext } from '../../../core/context.ts';
import { sha256Hex } from '../../../core/crypto.ts';
import { AppError } from '../../../core/errors.ts';
import { PortalAccountErrors as E } from './errors.ts';
import { applicantsRepo as repo } from './repository.ts';
import type { ApplicantAccounts } from './service.ts';

/** How long a started sign-in may take before its state is refused. */
export const OIDC_STATE_MINUTES = 10;

/**
 * Sign-in through the provincial unified identity service (统一身份认证) with OpenID Connect,
 * authorization code flow with PKCE (S256), state and nonce, by the openid-client library.
 * The state is stored hashed, single use, for 10 minutes, and also bound to the browser by a
 * cookie. The ID token's signature (provider's JWKS), issuer, audience, expiry and nonce are
 * verified before the account is looked up.
 */
export class OidcSignIn {
  private discovered: Promise<client.Configuration> | null = null;

  constructor(
    private readonly ctx: AppContext,
    private readonly accounts: ApplicantAccounts,
  ) {}

  private get settings(): OidcConfig {
    const s = this.ctx.config.oidc;
    if (!s) throw new AppError(E.OIDC_NOT_CONFIGURED);
    return s;
  }

  /** The provider's metadata, fetched once (again after a failure). */
  private configuration(): Promise<client.Configuration> {
    const s = this.settings;
    if (!this.discovered) {
      // Plain http is accepted for a provider on this machine only (config refuses it elsewhere).
      const insecure = new URL(s.issuer).protocol === 'http:';
      const execute = [client.enableNonRepudiationChecks, ...(insecure ? [client.allowInsecureRequests] : [])];
      this.discovered = client.discovery(new URL(s.issuer), s.clientId, undefined, client.ClientSecretBasic(s.clientSecret), { execute, timeout: 10 });
      this.discovered.catch(() => {
        this.discovered = null;
      });
    }
    return this.discovered;
  }

  /** Starts a sign-in: returns the provider URL to redirect to and the state for the browser cookie. */
  async start(rctx: RequestContext): Promise<{ url: string; state: string }> {
    const s = this.settings;
    let config: client.Configuration;
    try {
      config = await this.configuration();
    } catch (err) {
      throw new AppError(E.OIDC_LOGIN_FAILED, {}, `The identity service could not be reached (${(err as Error).message})`);
    }
    const state = client.randomState();
    const nonce = client.randomNonce();
    const verifier = client.randomPKCECodeVerifier();
    const now = this.ctx.now();
    await repo.insertOidcState(this.ctx.db, { id: sha256Hex(state), nonce, codeVerifierEnc: this.ctx.box.encrypt(verifier), ip: rctx.ip, now, expiresAt: new Date(now.getTime() + OIDC_STATE_MINUTES * 60_000) });
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: s.redirectUri,
      scope: s.scope,
      state,
      nonce,
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
    });
    return { url: url.href, state };
  }

  /**
   * Finishes a sign-in at the redirect URI. The state must be known, unused, younger than
   * 10 minutes and equal to the browser's cookie; it is spent before the code is exchanged, so a
   * replayed callback fails. Returns the applicant session token.
   */
  async callback(query: Record<string, string>, cookieState: string | undefined, rctx: RequestContext): Promise<string> {
    const s = this.settings;
    const state = query.state ?? '';
    const fail = async (code: string, reason: string): Promise<never> => {
      await this.ctx.audit.record(this.ctx.db, { regionCode: this.ctx.config.regionCode, ip: rctx.ip, userAgent: rctx.userAgent, requestId: rctx.requestId, action: 'portal.login', result: 'failure', detail: { actor: 'applicant', method: 'oidc', reason } });
      throw new AppError(code);
    };
    if (!state || !cookieState || cookieState !== state) return fail(E.OIDC_STATE_INVALID, 'state_mismatch');
    const id = sha256Hex(state);
    const row = await repo.oidcState(this.ctx.db, id);
    if (!row) return fail(E.OIDC_STATE_INVALID, 'state_unknown');
    if (row.used_at) return fail(E.OIDC_STATE_USED, 'state_replayed');
    const now = this.ctx.now();
    if (row.expires_at <= now) return fail(E.OIDC_STATE_EXPIRED, 'state_expired');
    if (!(await repo.useOidcState(this.ctx.db, id, now))) return fail(E.OIDC_STATE_USED, 'state_replayed');
    if (query.error) return fail(E.OIDC_LOGIN_FAILED, `provider_error:${String(query.error).slice(0, 60)}`);

    let claims: client.IDToken;
    try {
      const config = await this.configuration();
      const current = new URL(s.redirectUri);
      current.search = new URLSearchParams(query).toString();
      const tokens = await client.authorizationCodeGrant(config, current, {
        pkceCodeVerifier: this.ctx.box.decrypt(row.code_verifier_enc),
        expectedState: state,
        expectedNonce: row.nonce,
        idTokenExpected: true,
      });
      claims = tokens.claims()!;
    } catch (err) {
      return fail(E.OIDC_LOGIN_FAILED, `token_exchange:${(err as { code?: string }).code ?? (err as Error).name}`);
    }
    return this.accounts.signInExternal(
      { issuer: String(claims.iss), subject: String(claims.sub), idNumber: claims[s.idNumberClaim], name: claims.name, phone: claims.phone_number },
      rctx,
    );
  }
}
