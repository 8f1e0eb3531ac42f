import { z } from 'zod';
import type { Coded, DocumentEntry } from '../domain/document';

/**
 * Reads an IHE MHD / PDSm DocumentReference into the product's DocumentEntry. Lenient: unknown
 * elements, contained resources with `meta` (dom-4) and conditional subject references are read;
 * an entry missing what is needed (id, attachment) is skipped by returning undefined.
 */

const coding = z.object({
  system: z.string().optional(),
  code: z.string().optional(),
  display: z.string().optional(),
});
const concept = z.object({ coding: z.array(coding).optional(), text: z.string().optional() });
const reference = z.object({ reference: z.string().optional(), display: z.string().optional() });
const humanName = z.object({
  family: z.string().optional(),
  given: z.array(z.string()).optional(),
  prefix: z.array(z.string()).optional(),
  text: z.string().optional(),
});

const containedSchema = z
  .object({
    resourceType: z.string(),
    id: z.string().optional(),
    name: z.union([z.array(humanName), z.string()]).optional(),
    practitioner: reference.optional(),
    organization: reference.optional(),
    code: z.array(concept).optional(),
  })
  .loose();
type Contained = z.infer<typeof containedSchema>;

const documentReferenceSchema = z
  .object({
    resourceType: z.literal('DocumentReference'),
    id: z.string().min(1).max(128),
    meta: z.object({ lastUpdated: z.string().optional() }).loose().optional(),
    contained: z.array(z.unknown()).optional(),
    masterIdentifier: z.object({ value: z.string().optional() }).loose().optional(),
    identifier: z.array(z.object({ value: z.string().optional() }).loose()).optional(),
    status: z.enum(['current', 'superseded', 'entered-in-error']),
    type: concept.optional(),
    category: z.array(concept).optional(),
    date: z.string().optional(),
    author: z.array(reference).optional(),
    description: z.string().optional(),
    securityLabel: z.array(concept).optional(),
    relatesTo: z.array(z.object({ code: z.string(), target: reference }).loose()).optional(),
    content: z
      .array(
        z
          .object({
            attachment: z
              .object({
                contentType: z.string().optional(),
                url: z.string().optional(),
                size: z.number().optional(),
                title: z.string().optional(),
                creation: z.string().optional(),
              })
              .loose(),
            format: coding.optional(),
          })
          .loose(),
      )
      .min(1),
    context: z
      .object({
        period: z.object({ start: z.string().optional() }).loose().optional(),
        facilityType: concept.optional(),
        practiceSetting: concept.optional(),
        related: z
          .array(
            z
              .object({
                identifier: z
                  .object({ type: concept.optional(), value: z.string().optional() })
                  .loose()
                  .optional(),
              })
              .loose(),
          )
          .optional(),
      })
      .loose()
      .optional(),
  })
  .loose();

const STUDY_UID_TYPE = 'urn:ihe:iti:xds:2016:studyInstanceUID';
const ACCESSION_TYPE = 'urn:ihe:iti:xds:2013:accession';

function firstCoded(value: z.infer<typeof concept> | undefined): Coded | undefined {
  const first = value?.coding?.find((c) => c.code);
  if (!first?.code) return undefined;
  return {
    code: first.code,
    ...(first.system ? { system: first.system } : {}),
    ...((first.display ?? value?.text) ? { display: first.display ?? value?.text } : {}),
  };
}

function stripUrnPrefix(value: string): string {
  return value.replace(/^urn:(oid|uuid):/i, '');
}

function personName(name: Contained['name']): string | undefined {
  if (typeof name === 'string') return name;
  const first = name?.[0];
  if (!first) return undefined;
  if (first.text) return first.text;
  return [...(first.prefix ?? []), ...(first.given ?? []), first.family].filter(Boolean).join(' ');
}

function readAuthor(
  references: z.infer<typeof reference>[] | undefined,
  contained: Contained[],
): DocumentEntry['author'] {
  const local = (ref: string | undefined) =>
    ref?.startsWith('#') ? contained.find((resource) => resource.id === ref.slice(1)) : undefined;
  const author = references?.[0];
  if (!author) return undefined;
  const resource = local(author.reference);
  if (!resource) return author.display ? { name: author.display } : undefined;
  const practitioner =
    resource.resourceType === 'Practitioner' ? resource : local(resource.practitioner?.reference);
  const organisation =
    resource.resourceType === 'Organization' ? resource : local(resource.organization?.reference);
  const profession = resource.code?.[0];
  const result = {
    name: personName(practitioner?.name) ?? resource.practitioner?.display,
    organisation:
      typeof organisation?.name === 'string' ? organisation.name : resource.organization?.display,
    profession: profession?.coding?.[0]?.display ?? profession?.text,
  };
  const defined = Object.fromEntries(Object.entries(result).filter(([, v]) => v !== undefined));
  return Object.keys(defined).length > 0 ? defined : undefined;
}

function readLabels(labels: z.infer<typeof concept>[] | undefined): DocumentEntry['labels'] {
  const codes = new Set((labels ?? []).flatMap((label) => label.coding ?? []).map((c) => c.code));
  const confidentiality = (['U', 'L', 'M', 'N', 'R', 'V'] as const).filter((c) => codes.has(c));
  return {
    confidentiality: confidentiality.at(-1) ?? 'N',
    maskedFromProfessionals: codes.has('MASQUE_PS'),
    invisibleToPatient: codes.has('INVISIBLE_PATIENT'),
    invisibleToLegalRepresentatives: codes.has('INVISIBLE_REPRESENTANTS_LEGAUX'),
  };
}

function relatedIdentifier(
  related: NonNullable<z.infer<typeof documentReferenceSchema>['context']>['related'],
  type: string,
): string | undefined {
  return related?.find((item) =>
    item.identifier?.type?.coding?.some((c) => c.code === type || c.system === type),
  )?.identifier?.value;
}

/** The logical id a `relatesTo` target names, whatever form the reference takes. */
function targetId(ref: string | undefined): string | undefined {
  const match = ref?.match(/(?:^|\/)DocumentReference\/([^/?#]+)/);
  return match?.[1];
}

export function documentEntryFromFhir(raw: unknown): DocumentEntry | undefined {
  const parsed = documentReferenceSchema.safeParse(raw);
  if (!parsed.success) return undefined;
  const doc = parsed.data;
  const content = doc.content[0];
  const attachment = content?.attachment;
  if (!content || !attachment?.url || !attachment.contentType) return undefined;
  const contained = (doc.contained ?? []).flatMap((item) => {
    const resource = containedSchema.safeParse(item);
    return resource.success ? [resource.data] : [];
  });
  const entryUuid = doc.identifier
    ?.map((identifier) => identifier.value)
    .find((value) => value?.toLowerCase().startsWith('urn:uuid:'));
  const related = doc.context?.related;
  const studyInstanceUid = relatedIdentifier(related, STUDY_UID_TYPE);
  const accessionNumber = relatedIdentifier(related, ACCESSION_TYPE);
  const category = firstCoded(doc.category?.[0]);
  const type = firstCoded(doc.type);
  const facility = firstCoded(doc.context?.facilityType);
  const practiceSetting = firstCoded(doc.context?.practiceSetting);
  const author = readAuthor(doc.author, contained);
  const title = attachment.title ?? doc.description;
  const date = doc.context?.period?.start ?? doc.date ?? attachment.creation;
  const createdAt = attachment.creation ?? doc.date;

  return {
    logicalId: doc.id,
    uniqueId: doc.masterIdentifier?.value ? stripUrnPrefix(doc.masterIdentifier.value) : doc.id,
    ...(entryUuid ? { entryUuid: stripUrnPrefix(entryUuid) } : {}),
    status: doc.status,
    ...(category ? { category } : {}),
    ...(type ? { type } : {}),
    ...(title ? { title } : {}),
    ...(date ? { date } : {}),
    ...(createdAt ? { createdAt } : {}),
    ...(doc.meta?.lastUpdated ? { recordedAt: doc.meta.lastUpdated } : {}),
    ...(author ? { author } : {}),
    ...(facility ? { facility } : {}),
    ...(practiceSetting ? { practiceSetting } : {}),
    ...(content.format?.code ? { format: content.format.code } : {}),
    contentType: attachment.contentType,
    ...(attachment.size !== undefined ? { size: attachment.size } : {}),
    attachmentRef: attachment.url,
    labels: readLabels(doc.securityLabel),
    ...(studyInstanceUid ? { studyInstanceUid } : {}),
    ...(accessionNumber ? { accessionNumber } : {}),
    replaces: (doc.relatesTo ?? [])
      .filter((relation) => relation.code === 'replaces')
      .flatMap((relation) => targetId(relation.target.reference) ?? []),
  };
}
