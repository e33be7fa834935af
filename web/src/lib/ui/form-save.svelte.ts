import { formFailure } from '$lib/api/errors';

/**
 * A form's save and how it went: field messages beside their inputs, the banner only when no
 * field explains the problem, and `saving` to keep a second click from saving twice.
 */
export class FormSave {
  errors = $state<Record<string, string>>({});
  banner = $state<string | null>(null);
  saving = $state(false);

  /** Forgets the last failure. */
  reset(): void {
    this.errors = {};
    this.banner = null;
  }

  /** Runs `save` with the form marked saving; a failure is shown on the form, never thrown. */
  async run(fallback: string, save: () => Promise<void>): Promise<void> {
    this.reset();
    this.saving = true;
    try {
      await save();
    } catch (error) {
      ({ banner: this.banner, fields: this.errors } = formFailure(error, fallback));
    } finally {
      this.saving = false;
    }
  }
}
