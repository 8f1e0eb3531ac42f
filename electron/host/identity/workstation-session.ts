import type { AuditJournal } from '../audit/journal';
import { HostError } from '../errors';
import type { Logger } from '../logging/logger';
import type { Clinician } from './clinician';
import type { LoginService } from './login-service';

/** What the renderer may know of the session: who is signed in, never a token. */
export type SessionView =
  | { status: 'disabled' }
  | { status: 'signed-out'; failure?: string }
  | { status: 'signing-in'; locked: boolean }
  | { status: 'signed-in'; clinician: ClinicianView }
  | { status: 'locked'; clinician: ClinicianView };

export interface ClinicianView {
  displayName: string;
  nationalId: string;
  profession: string | null;
  specialty: string | null;
  organisation: string | null;
  /** The policy lets this clinician open records in emergency regulation (centre 15). */
  mayRegulate: boolean;
}

function viewOf(clinician: Clinician, mayRegulate: boolean): ClinicianView {
  return {
    displayName: clinician.displayName,
    nationalId: clinician.nationalId,
    profession: clinician.profession?.code ?? null,
    specialty: clinician.specialty?.code ?? null,
    organisation: clinician.organisation?.name ?? null,
    mayRegulate,
  };
}

/**
 * The workstation's session over the login service: signed in, locked (after the idle delay: the
 * session lives on but nothing of a patient is served until the same clinician signs in again),
 * or signed out. Every change is journalled; the actor of every journal line is the clinician.
 */
export class WorkstationSession {
  readonly #login: LoginService | undefined;
  readonly #journal: AuditJournal;
  readonly #logger: Logger;
  readonly #fallbackActor: string;
  readonly #mayRegulate: (clinician: Clinician) => boolean;
  readonly #listeners = new Set<(view: SessionView) => void>();
  #locked = false;
  /** A login is under way (while locked, the previous session stays signed in meanwhile). */
  #signingIn = false;
  /** Why the last login failed (a translation key), until the next attempt. */
  #failure: string | undefined;

  constructor(options: {
    login: LoginService | undefined;
    journal: AuditJournal;
    logger: Logger;
    fallbackActor: string;
    mayRegulate?: (clinician: Clinician) => boolean;
  }) {
    this.#login = options.login;
    this.#journal = options.journal;
    this.#logger = options.logger;
    this.#fallbackActor = options.fallbackActor;
    this.#mayRegulate = options.mayRegulate ?? (() => false);
    this.#login?.onChange(() => this.#emit());
  }

  get enabled(): boolean {
    return this.#login !== undefined;
  }

  /** Who acts: the signed-in clinician, or the system account where login is not configured. */
  actor(): string {
    const clinician = this.#login?.clinician();
    return clinician ? `rpps:${clinician.nationalId}` : this.#fallbackActor;
  }

  /** The signed-in clinician's id, as the journal names them; undefined without login. */
  clinicianId(): string | undefined {
    const clinician = this.#login?.clinician();
    return clinician ? `rpps:${clinician.nationalId}` : undefined;
  }

  /** The signed-in clinician, as the provider described them. */
  clinician(): Clinician | undefined {
    return this.#login?.clinician() ?? undefined;
  }

  /** The signed-in clinician's profession (ANS TRE_G15 code), if any. */
  profession(): string | undefined {
    return this.#login?.clinician()?.profession?.code ?? undefined;
  }

  /** Patient data may be served: login is not configured, or a clinician is signed in, unlocked. */
  allowsPatientData(): boolean {
    if (!this.#login) return true;
    return !this.#locked && this.#login.state().status === 'signed-in';
  }

  view(): SessionView {
    if (!this.#login) return { status: 'disabled' };
    const state = this.#login.state();
    if (this.#signingIn || state.status === 'signing-in') {
      return { status: 'signing-in', locked: this.#locked };
    }
    if (state.status === 'signed-out') {
      return this.#failure
        ? { status: 'signed-out', failure: this.#failure }
        : { status: 'signed-out' };
    }
    const clinician = viewOf(state.clinician, this.#mayRegulate(state.clinician));
    return this.#locked ? { status: 'locked', clinician } : { status: 'signed-in', clinician };
  }

  onChange(listener: (view: SessionView) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /**
   * Starts a login in the system browser; resolves once it ends. While locked, only the same
   * clinician unlocks: another one is refused and the session stays locked.
   */
  async login(): Promise<void> {
    if (!this.#login) return;
    const before = this.#login.clinician();
    this.#failure = undefined;
    this.#signingIn = true;
    this.#emit();
    try {
      const clinician = await this.#login.login();
      const actor = `rpps:${clinician.nationalId}`;
      if (this.#locked && before && before.subject !== clinician.subject) {
        this.#failure = 'errors.loginOtherClinician';
        this.#journal.append({ actor, action: 'session.unlock', outcome: 'refused' });
        await this.#login.logout();
        this.#locked = false;
        this.#journal.append({ actor, action: 'session.logout', outcome: 'success' });
        return;
      }
      const action = this.#locked ? 'session.unlock' : 'session.login';
      this.#locked = false;
      this.#journal.append({ actor, action, outcome: 'success' });
    } catch (error) {
      this.#journal.append({
        actor: this.actor(),
        action: this.#locked ? 'session.unlock' : 'session.login',
        outcome: 'failure',
      });
      this.#failure = error instanceof HostError ? error.messageKey : 'errors.loginFailed';
      this.#logger.warn('session.login-failed', { reason: (error as Error).name });
    } finally {
      this.#signingIn = false;
      this.#emit();
    }
  }

  lock(): void {
    if (!this.#login || this.#login.state().status !== 'signed-in' || this.#locked) return;
    this.#locked = true;
    this.#journal.append({ actor: this.actor(), action: 'session.lock', outcome: 'success' });
    this.#emit();
  }

  async logout(): Promise<void> {
    if (!this.#login) return;
    const actor = this.actor();
    this.#locked = false;
    await this.#login.logout();
    this.#journal.append({ actor, action: 'session.logout', outcome: 'success' });
    this.#emit();
  }

  #emit(): void {
    const view = this.view();
    for (const listener of this.#listeners) listener(view);
  }
}
