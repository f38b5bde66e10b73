/**
 * The demo's referral, wellness and early-childhood stories: Big Siblings takes volunteer referrals in Sacramento and a
 * volunteer from a campaign confirms the e-mail address (the link read from the SMTP
 * catcher of `npm start`, when it is the one in use) and is offered to it; a school counselor's check-in referral waits
 * for the partnership's coordinator to assign a caller; a mentor teacher's certification
 * waits on the college's selection committee (one vote cast). Skipped when present.
 */
import { randomUUID } from 'node:crypto';
import type { Api, Person } from '../chaos/client';
import { caseIdOf } from '../chaos/stories';
import { caughtLinkToken } from '../provision/smtp-catcher';
import { PEOPLE } from './people';

export async function seedPartnership(
  api: Api,
  p: { bigSiblings: string; bigStaff: Person },
  catcherPort: number | undefined,
  log: (m: string) => void,
): Promise<void> {
  const { paula, sky, cleo, mia, tess } = PEOPLE;
  await api.once(p.bigStaff, 'PUT', `/programs/${p.bigSiblings}/referrals`, {
    accepting: true,
    counties: ['Sacramento', 'Yolo'],
    virtual: true,
    languages: ['English', 'Spanish'],
    youthAges: { min: 8, max: 17 },
  });
  if (!(await api.get(paula, '/cases?type=mentor_referral')).body.items.length) {
    const email = 'robin.delgado@mail.example';
    await api.post(
      undefined,
      '/referrals',
      {
        volunteer: {
          name: 'Robin Delgado',
          email,
          phone: '+1 916 555 0142',
          zip: '95814',
          county: 'Sacramento',
          ageBand: '25-34',
          languages: ['English', 'Spanish'],
          interests: ['basketball', 'coding'],
          youthAges: { min: 10, max: 15 },
          hoursPerMonth: 6,
          format: 'either',
        },
        campaign: 'KingsMentoringChallenge',
        consentToContact: true,
      },
      { key: randomUUID() },
    );
    if (catcherPort) {
      // The volunteer confirms the address from the e-mail, as a volunteer would.
      await api.post(
        undefined,
        `/referrals/confirm/${await caughtLinkToken(catcherPort, email, '/referrals/confirm/', 60_000)}`,
        {},
      );
      log('a volunteer confirmed the address and was referred to Big Siblings (campaign KingsMentoringChallenge)');
    } else
      log('a volunteer referral waiting for the volunteer to confirm the e-mail address (SMTP_URL points elsewhere)');
  }
  if (!(await api.get(sky, '/cases?type=wellness_checkin')).body.items.length) {
    await api.post(
      sky,
      '/wellness/youth',
      {
        youth: { name: 'Dani Cruz', dateOfBirth: '2010-02-11', county: 'Sacramento', languages: ['Spanish'] },
        source: 'school_disconnection',
        contact: { phone: '+1 916 555 0177', preferredTimes: 'after school' },
        guardianConsent: { how: 'signed form at school' },
      },
      { key: randomUUID() },
    );
    log('check-in calls referred by a school counselor, waiting for a caller');
  }
  if (!(await api.get(cleo, '/cases?type=ece_certification')).body.items.length) {
    const id = caseIdOf(
      await api.post(
        cleo,
        '/ece/mentors',
        {
          person: { id: tess.sub, name: tess.name, email: tess.email },
          role: 'mentor_teacher',
          site: 'Sunrise Child Development Center',
          yearsExperience: 11,
          permitLevel: 'Master Teacher',
          evidence: 'QRIS tier 4; NAEYC accredited since 2019',
        },
        { key: randomUUID() },
      ),
    );
    const c = await api.until(
      mia,
      `/ece/mentors/${id}`,
      (r) => r.status === 200 && r.body.openTasks.length > 0,
      'the vote task',
    );
    await api.post(mia, `/tasks/${c.body.openTasks[0].id}/complete`, {
      outcome: 'approve',
      comment: 'Strong site evidence',
    });
    log('a mentor teacher before the selection committee (1 vote of 3)');
  }
}
