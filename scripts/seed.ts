/**
 * `npm run seed`: a living demo on the running product (`npm start` first): programs at
 * every certification level, employees at every stage of a leave year, mentors and youth
 * across the pipeline, a match with its check-ins, certifications in review, a volunteer
 * referred to programs, check-ins waiting for a caller, a mentor teacher before the
 * committee — made through the
 * API as the people who would do it, so every case has its workflow, tasks and timeline.
 * The demo people are written to the people directory with their labels (the web app's
 * development sign-in lists them). Idempotent: a story whose case exists is skipped.
 */
import { randomUUID } from 'node:crypto';
import { loadConfig } from '../lib/config';
import { laDate } from '../platform/workflow/calendar';
import { businessCalendarOf } from '../platform/workflow/jurisdiction';
import { Api, type Person } from './chaos/client';
import { caseIdOf, complete, reach, taskOn } from './chaos/stories';
import { provideDatabase } from './provision/postgres';
import { BAY_AREA, BIG_SIBLINGS, DEPT, PEOPLE, VALLEY_YOUTH, type DemoPerson } from './seed/people';
import { seedCertification } from './seed/certification';
import { seedFoster } from './seed/foster';
import { seedPartnership } from './seed/partnership';

// The partnership's local year and date (its jurisdiction's time zone), set from the policy in main().
let year = Number(laDate(Date.now()).slice(0, 4));
let today = laDate(Date.now());
const yearsAgo = (n: number) => laDate(Date.now() - n * 365.25 * 86_400_000);
const log = (m: string) => console.log(`seed: ${m}`);

async function main(): Promise<void> {
  const config = loadConfig();
  const calendar = businessCalendarOf(config.policy);
  [year, today] = [calendar.year(Date.now()), calendar.date(Date.now())];
  const jurisdiction = config.policy.calendar;
  if (jurisdiction)
    log(`calendar: ${jurisdiction.timeZone}, ${jurisdiction.holidaySet} state holidays, today ${today}`);
  const database = await provideDatabase({
    url: config.databaseUrl,
    database: 'mentorflow',
    port: config.embedded.postgresPort,
  });
  const api = new Api([`http://127.0.0.1:${config.port}`], config.auth.hsSecret!, 60_000);
  await api.ready().catch(() => {
    throw new Error(
      `the product does not answer on http://127.0.0.1:${config.port}: start it with npm start, then run npm run seed`,
    );
  });
  const { ada, pat, jo, max, sam, hana, vic, casey, sol } = PEOPLE;

  // ---- programs ------------------------------------------------------------------------
  const listed = (await api.get(ada, '/programs?limit=200')).body.items as {
    id: string;
    name: string;
    level: string;
  }[];
  const programId = async (
    name: string,
    county: string,
    level: 'partner' | 'associate_partner' | 'affiliate' | 'none',
  ) => {
    const found = listed.find((x) => x.name === name);
    if (found) return found.id;
    const r = await api.post(
      ada,
      '/programs',
      {
        name,
        organization: name,
        contactEmail: `contact@${name.toLowerCase().replace(/\W+/g, '')}.example.org`,
        county,
        startedOn: '2012-09-01',
        minimumMatchMonths: 12,
      },
      { key: randomUUID() },
    );
    const id = caseIdOf(r);
    if (level !== 'none') {
      await api.until(ada, `/programs/${id}`, (x) => x.status === 200, 'the program');
      // An Associate Partner holds the level for its 4-month window; the others for years.
      const until = level === 'associate_partner' ? laDate(Date.now() + 100 * 86_400_000) : `${year + 2}-06-30`;
      await api.once(ada, 'PUT', `/programs/${id}/level`, {
        level,
        certifiedUntil: until,
        note: "imported from the partnership's 2024 review",
      });
    }
    log(`program ${name} (${level})`);
    return id;
  };
  const bigSiblings = await programId(BIG_SIBLINGS, 'Sacramento', 'partner');
  const bay = await programId(BAY_AREA, 'Alameda', 'affiliate');
  await programId('Coastal Kids Connect', 'Monterey', 'associate_partner');
  const valley = await programId(VALLEY_YOUTH, 'Fresno', 'none');

  // ---- the people directory: demo people with their labels -----------------------------
  const programOf: Record<string, string> = { [BIG_SIBLINGS]: bigSiblings, [VALLEY_YOUTH]: valley, [BAY_AREA]: bay };
  for (const person of Object.values(PEOPLE) as DemoPerson[]) {
    if (person.program) person.programId = programOf[person.program];
    const row = {
      id: person.sub,
      name: person.name,
      email: person.email,
      roles: person.roles,
      department: person.department ?? null,
      program_id: person.programId ?? null,
      college_id: person.collegeId ?? null,
      seen_at: new Date(),
      demo_label: person.label,
      // In the directory too, so AUTH_ROLES_FROM=directory works with the demo (docs/administration.md).
      in_directory: true,
      grants: JSON.stringify(
        person.roles.map((role) => ({
          role,
          ...(person.department ? { department: person.department } : {}),
          ...(person.programId ? { programId: person.programId } : {}),
          ...(person.collegeId ? { collegeId: person.collegeId } : {}),
        })),
      ),
    };
    await database.db
      .insertInto('people')
      .values(row)
      .onConflict((oc) => oc.column('id').doUpdateSet(row))
      .execute();
  }
  const cora = { ...PEOPLE.cora, programId: bigSiblings };
  const staff = { ...vic, programId: valley };

  // ---- mentoring leave: one employee per stage ------------------------------------------
  const enrollment = async (emp: Person & { email: string; name: string }) => {
    const mine = (await api.get(emp, '/cases?type=mentoring_leave')).body.items as { id: string }[];
    if (mine.length) return undefined;
    const r = await api.post(
      emp,
      '/mentoring-leave/enrollments',
      {
        employee: {
          id: emp.sub,
          name: emp.name,
          email: emp.email,
          department: DEPT,
          bargainingUnit: 1,
          appointment: 'permanent',
        },
        supervisor: { id: sam.sub, name: sam.name, email: sam.email },
        program: { programId: bigSiblings },
        commitment: { startDate: `${year}-01-15`, endDate: `${year + 1}-06-15` },
      },
      { key: randomUUID() },
    );
    return caseIdOf(r);
  };
  const active = async (emp: Person, id: string, hours: number) => {
    await complete(api, hana, await taskOn(api, hana, id, 'eligibility_review'), {
      outcome: 'approve',
      comment: 'Eligible: permanent, BU 1',
    });
    await reach(api, emp, id, 'active');
    await api.post(
      emp,
      `/mentoring-leave/enrollments/${id}/personal-time`,
      { date: today, hours, kind: 'vacation', description: 'Weekly reading session' },
      { key: randomUUID() },
    );
    await complete(api, cora, await taskOn(api, cora, id, 'verify_personal_hours'), { outcome: 'verify' });
    await api.until(emp, `/cases/${id}`, (r) => r.body?.ledger?.verifiedPersonalHours === hours, 'verified hours');
  };
  if (await enrollment(jo)) log('Jo Kim: enrollment waiting for HR');
  const patCase = await enrollment(pat);
  if (patCase) {
    await active(pat, patCase, 8);
    await api.post(
      pat,
      `/mentoring-leave/enrollments/${patCase}/requests`,
      { date: today, hours: 2, attestNoTravel: true, note: 'School visit with my mentee' },
      { key: randomUUID() },
    );
    log('Pat Lee: active, a leave request waiting for the supervisor');
  }
  const kaiCase = await enrollment(PEOPLE.kai);
  if (kaiCase) {
    await complete(api, hana, await taskOn(api, hana, kaiCase, 'eligibility_review'), { outcome: 'approve' });
    await reach(api, PEOPLE.kai, kaiCase, 'active');
    await api.post(
      PEOPLE.kai,
      `/mentoring-leave/enrollments/${kaiCase}/personal-time`,
      { date: today, hours: 4, kind: 'annual_leave', description: 'Saturday tutoring at the library' },
      { key: randomUUID() },
    );
    log('Kai Brown: active, personal time waiting for the program to verify');
  }
  const maxCase = await enrollment(max);
  if (maxCase) {
    await active(max, maxCase, 6);
    await api.post(
      max,
      `/mentoring-leave/enrollments/${maxCase}/requests`,
      { date: today, hours: 3, attestNoTravel: true, note: 'Mentoring session' },
      { key: randomUUID() },
    );
    await complete(api, sam, await taskOn(api, sam, maxCase, 'supervisor_approval'), { outcome: 'approve' });
    await complete(api, hana, await taskOn(api, hana, maxCase, 'hr_approval'), { outcome: 'approve' });
    log('Max Ortiz: active, 3 hours of leave approved');
  }

  // ---- foster: a mentor in screening, a youth referred, a match with its check-ins ------
  if (!(await api.get(casey, '/cases?type=mentor_screening')).body.items.length) {
    await api.post(
      casey,
      '/foster/mentors',
      {
        applicant: {
          name: 'Morgan Reyes',
          email: 'morgan.reyes@mail.example',
          phone: '+1 916 555 0100',
          dateOfBirth: yearsAgo(34),
          languages: ['English', 'Spanish'],
          interests: ['soccer', 'cooking'],
          formerFosterYouth: true,
        },
        references: [
          { name: 'Rae Thompson', email: 'rae.thompson@mail.example', relationship: 'coworker' },
          { name: 'Ray Ibarra', email: 'ray.ibarra@mail.example', relationship: 'former coach' },
        ],
      },
      { key: randomUUID() },
    );
    log('a mentor application in screening');
  }
  if (!(await api.get(casey, '/cases?type=youth_referral')).body.items.length) {
    await api.post(
      sol,
      '/foster/youth',
      {
        youth: {
          name: 'Jordan Demo',
          dateOfBirth: yearsAgo(14),
          county: 'Los Angeles',
          languages: ['English'],
          interests: ['art'],
          needs: 'Support with school attendance',
        },
        socialWorker: { id: sol.sub, name: sol.name, email: sol.email },
        caregiver: { name: 'Alex Caregiver', email: 'caregiver@mail.example' },
        caseWorkerId: casey.sub,
      },
      { key: randomUUID() },
    );
    log('a youth referred, consents pending');
  }
  // References answer through their e-mailed links, read from the SMTP catcher of `npm start`.
  if (config.smtpUrl === `smtp://127.0.0.1:${config.embedded.smtpPort}`) {
    await seedFoster(api, { casey, chris: PEOPLE.chris, sol }, config.embedded.smtpWebPort, log, PEOPLE.ada);
  } else log('SMTP_URL points elsewhere: no matches seeded (their references answer by e-mail)');

  // ---- certification: an application and a self-assessment waiting for review ----------
  await seedCertification(
    api,
    { valleyStaff: staff, bayStaff: { ...PEOPLE.bo, programId: bay }, rita: PEOPLE.rita },
    { valley, bay },
    log,
  );
  const catcher =
    config.smtpUrl === `smtp://127.0.0.1:${config.embedded.smtpPort}` ? config.embedded.smtpWebPort : undefined;
  await seedPartnership(
    api,
    { bigSiblings, bigStaff: { ...PEOPLE.cora, roles: ['program_staff'], programId: bigSiblings } },
    catcher,
    log,
  );
  await database.stop();
  log("done — sign in at the product's address as any of the demo people");
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
