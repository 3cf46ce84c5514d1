import { AppError } from '../errors';
import { catalogueSchema, type Service } from './schema';
import { communicationsServices } from './services/communications';
import { educationServices } from './services/education';
import { heritageServices } from './services/heritage';
import { preschoolServices } from './services/preschool';
import { schoolServices } from './services/school';

export {
  serviceSchema,
  catalogueSchema,
  subOperationSchema,
  formFieldSchema,
  checklistItemSchema,
  deadlineSchema,
  printedFormIds,
  applicantKinds,
} from './schema';
export type {
  Service,
  SubOperation,
  FormField,
  ChecklistItem,
  Deadline,
  Fee,
  ResultType,
  RefusalReason,
  WorkflowStep,
  Localized,
  ApplicantKind,
  ActStatus,
  PrintedFormId,
} from './schema';

/**
 * Bumped whenever any entry changes; the reference API serves it as the ETag and the workstation shows it.
 * Format: release date, then a counter for several releases on one day.
 */
export const catalogueVersion = '2026.12.02-1';

/** Every service, validated once at module load so a bad data edit fails fast rather than at the counter. */
export const catalogue: readonly Service[] = Object.freeze(
  catalogueSchema.parse([
    ...educationServices,
    ...heritageServices,
    ...preschoolServices,
    ...schoolServices,
    ...communicationsServices,
  ]),
);

const byId = new Map(catalogue.map((s) => [s.id, s]));

export function getService(id: string): Service {
  const service = byId.get(id);
  if (!service) throw new AppError('catalogue:unknownService', { id });
  return service;
}

export type ActStateOn = 'in-force' | 'not-yet-in-force' | 'repealed' | 'unknown';

/** The act's state on an ISO date, from its effective date and `actStatus` (all seed acts are historical). */
export function actStateOn(service: Service, isoDate: string): ActStateOn {
  if (isoDate < service.effectiveFrom) return 'not-yet-in-force';
  const status = service.actStatus;
  if (status.state === 'repealed') return isoDate < status.on ? 'in-force' : 'repealed';
  return status.state;
}

/** Whether the act behind a service was in force on an ISO date; an unknown status is not "in force". */
export function isInForce(service: Service, isoDate: string): boolean {
  return actStateOn(service, isoDate) === 'in-force';
}
