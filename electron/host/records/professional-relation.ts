import { z } from 'zod';

/**
 * What the record source says about one professional and one patient: whether the patient
 * refused this professional (a Consent that denies them), and whether the professional belongs to
 * the patient's care team (an active CareTeam naming them, or the organisation they act for).
 * Professionals are named by identifier, as the DMP does: the national id (idNat_PS, `8` + RPPS)
 * or the bare RPPS; organisations by their identifier (e.g. FINESS).
 */
export interface Professional {
  nationalId: string;
  organisationId: string | undefined;
}

export interface ProfessionalRelation {
  blocked: boolean;
  careTeam: boolean;
}

const identifiedReference = z
  .object({
    type: z.string().optional(),
    identifier: z.object({ value: z.string() }).loose().optional(),
  })
  .loose();

const periodSchema = z.object({ start: z.string().optional(), end: z.string().optional() }).loose();

const consentSchema = z
  .object({
    resourceType: z.literal('Consent'),
    provision: z
      .object({
        type: z.string().optional(),
        actor: z.array(z.object({ reference: identifiedReference.optional() }).loose()).optional(),
      })
      .loose()
      .optional(),
  })
  .loose();

const careTeamSchema = z
  .object({
    resourceType: z.literal('CareTeam'),
    status: z.string().optional(),
    period: periodSchema.optional(),
    participant: z
      .array(
        z
          .object({
            member: identifiedReference.optional(),
            period: periodSchema.optional(),
          })
          .loose(),
      )
      .optional(),
  })
  .loose();

function namesProfessional(value: string | undefined, nationalId: string): boolean {
  return value !== undefined && (value === nationalId || value === nationalId.replace(/^8/, ''));
}

/** A period without bounds holds; dates compare as ISO text, a date alone covering its day. */
function holdsAt(period: z.infer<typeof periodSchema> | undefined, now: Date): boolean {
  const instant = now.toISOString();
  if (period?.start && period.start > instant) return false;
  if (period?.end && period.end.length > 10 && period.end < instant) return false;
  if (period?.end && period.end.length <= 10 && period.end < instant.slice(0, 10)) return false;
  return true;
}

/** A Consent whose provision denies access to this professional. */
export function deniesProfessional(resource: unknown, professional: Professional): boolean {
  const consent = consentSchema.safeParse(resource);
  if (!consent.success || consent.data.provision?.type !== 'deny') return false;
  return (consent.data.provision.actor ?? []).some((actor) =>
    namesProfessional(actor.reference?.identifier?.value, professional.nationalId),
  );
}

/**
 * An active CareTeam, in its period, with this professional among its current participants, or
 * with their organisation as a participant (a hospital's team: whoever acts for it is in).
 */
export function includesInCareTeam(
  resource: unknown,
  professional: Professional,
  now: Date,
): boolean {
  const team = careTeamSchema.safeParse(resource);
  if (!team.success || team.data.status !== 'active' || !holdsAt(team.data.period, now)) {
    return false;
  }
  const organisationId = professional.organisationId;
  return (team.data.participant ?? []).some((participant) => {
    if (!holdsAt(participant.period, now)) return false;
    const member = participant.member;
    if (namesProfessional(member?.identifier?.value, professional.nationalId)) return true;
    return (
      organisationId !== undefined &&
      member?.type === 'Organization' &&
      member.identifier?.value === organisationId
    );
  });
}
