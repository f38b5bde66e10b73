/**
 * The seed's certifications: an Affiliate application waiting for a quality reviewer, and
 * a Partner application whose self-assessment is in (every question answered, a few
 * "partially" with evidence), waiting for the reviewer's assessment.
 */
import { randomUUID } from 'node:crypto';
import type { Api, Person } from '../chaos/client';
import { caseIdOf, complete, reach, taskOn } from '../chaos/stories';

export async function seedCertification(
  api: Api,
  people: { valleyStaff: Person; bayStaff: Person; rita: Person },
  ids: { valley: string; bay: string },
  log: (m: string) => void,
): Promise<void> {
  if (!(await api.get(people.valleyStaff, '/cases?type=certification')).body.items.length) {
    await api.post(
      people.valleyStaff,
      `/programs/${ids.valley}/certifications`,
      { level: 'affiliate' },
      { key: randomUUID() },
    );
    log('Valley Youth Mentoring: an Affiliate application waiting for a reviewer');
  }
  if (!(await api.get(people.bayStaff, '/cases?type=certification')).body.items.length) {
    const id = caseIdOf(
      await api.post(
        people.bayStaff,
        `/programs/${ids.bay}/certifications`,
        { level: 'partner' },
        { key: randomUUID() },
      ),
    );
    await complete(api, people.rita, await taskOn(api, people.rita, id, 'application_review'), {
      outcome: 'approve',
      comment: 'Complete application',
    });
    await reach(api, people.bayStaff, id, 'self_assessment');
    // The questions of the bank version the case started with.
    const version = (await api.get(people.bayStaff, `/certifications/${id}`)).body.questionBankVersion as number;
    const questions = (await api.get(people.bayStaff, `/certifications/questions?version=${version}`)).body.items as {
      id: string;
      standard: string;
    }[];
    const answers = questions.map((q, i) =>
      q.standard === 'training' && i % 2 === 0
        ? { questionId: q.id, response: 'partially', evidence: 'Six hours before matching; no refresher yet' }
        : { questionId: q.id, response: 'yes' },
    );
    await api.once(people.bayStaff, 'PUT', `/certifications/${id}/self-assessment`, { answers });
    await api.post(people.bayStaff, `/certifications/${id}/self-assessment/submit`, {});
    await reach(api, people.bayStaff, id, 'review');
    log('Bay Area Mentors: a Partner self-assessment waiting for review');
  }
}
