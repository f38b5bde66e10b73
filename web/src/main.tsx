/** The web app: the query cache for server data, the language, the routes, USWDS styles. */
import { lazy, StrictMode, Suspense, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router-dom';
import '@uswds/uswds/css/uswds.min.css';
import './styles.css';
import { CasePage } from './pages/CasePage';
import { Cases } from './pages/Cases';
import { Directory } from './pages/Directory';
import { Inbox } from './pages/Inbox';
import { MentorApplication } from './pages/MentorApplication';
import { MyLeave } from './pages/MyLeave';
import { MyProgram } from './pages/MyProgram';
import { RegisterProgram } from './pages/RegisterProgram';
import { ProposeMatch } from './pages/ProposeMatch';
import { Reports } from './pages/Reports';
import { Caseload } from './pages/Caseload';
import { Reassign } from './pages/Reassign';
import { People } from './pages/People';
import { OutOfOffice } from './pages/OutOfOffice';
import { Audit } from './pages/Audit';
import { EmailTemplates } from './pages/EmailTemplates';
import { QuestionBanks } from './pages/QuestionBanks';
import { Rules } from './pages/Rules';
import { NotFound } from './pages/NotFound';
import { SignIn } from './pages/SignIn';
import { SignInCallback } from './pages/SignInCallback';
import { TaskLink } from './pages/TaskLink';
import { YouthReferral } from './pages/YouthReferral';
import { Volunteer } from './pages/Volunteer';
import { WithdrawReferral } from './pages/WithdrawReferral';
import { WellnessReferral } from './pages/WellnessReferral';
import { EceMentorApplication, EcePlacementForm } from './pages/EceForms';
import { useSession } from './session';
import { I18nProvider } from './i18n/I18nProvider';

// The outcome report brings the chart library: loaded when the page is opened, not with the app.
const Outcomes = lazy(() => import('./pages/Outcomes').then((m) => ({ default: m.Outcomes })));

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      retry: (count, err) => count < 2 && ((err as { status?: number }).status ?? 500) >= 500,
      refetchOnWindowFocus: true,
    },
  },
});

/** A page for signed-in people; anyone else signs in first and comes back here. */
function SignedIn({ children }: { children: ReactNode }) {
  const location = useLocation();
  return useSession() ? (
    <>{children}</>
  ) : (
    <Navigate to={`/?next=${encodeURIComponent(location.pathname + location.search)}`} replace />
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <I18nProvider>
        <BrowserRouter>
          <Routes>
            <Route path="/" element={<SignIn />} />
            <Route path="/signin/callback" element={<SignInCallback />} />
            <Route path="/directory" element={<Directory />} />
            <Route path="/volunteer" element={<Volunteer />} />
            <Route path="/referrals/withdraw/:token" element={<WithdrawReferral />} />
            <Route
              path="/inbox"
              element={
                <SignedIn>
                  <Inbox />
                </SignedIn>
              }
            />
            <Route
              path="/cases"
              element={
                <SignedIn>
                  <Cases />
                </SignedIn>
              }
            />
            <Route
              path="/cases/:caseId"
              element={
                <SignedIn>
                  <CasePage />
                </SignedIn>
              }
            />
            <Route
              path="/tasks/:taskId"
              element={
                <SignedIn>
                  <TaskLink />
                </SignedIn>
              }
            />
            <Route
              path="/leave"
              element={
                <SignedIn>
                  <MyLeave />
                </SignedIn>
              }
            />
            <Route
              path="/program"
              element={
                <SignedIn>
                  <MyProgram />
                </SignedIn>
              }
            />
            <Route
              path="/programs/new"
              element={
                <SignedIn>
                  <RegisterProgram />
                </SignedIn>
              }
            />
            <Route
              path="/reassign"
              element={
                <SignedIn>
                  <Reassign />
                </SignedIn>
              }
            />
            <Route
              path="/people"
              element={
                <SignedIn>
                  <People />
                </SignedIn>
              }
            />
            <Route
              path="/question-banks"
              element={
                <SignedIn>
                  <QuestionBanks />
                </SignedIn>
              }
            />
            <Route
              path="/out-of-office"
              element={
                <SignedIn>
                  <OutOfOffice />
                </SignedIn>
              }
            />
            <Route
              path="/rules"
              element={
                <SignedIn>
                  <Rules />
                </SignedIn>
              }
            />
            <Route
              path="/people/:personId/out-of-office"
              element={
                <SignedIn>
                  <OutOfOffice />
                </SignedIn>
              }
            />
            <Route
              path="/audit"
              element={
                <SignedIn>
                  <Audit />
                </SignedIn>
              }
            />
            <Route
              path="/templates"
              element={
                <SignedIn>
                  <EmailTemplates />
                </SignedIn>
              }
            />
            <Route
              path="/caseload"
              element={
                <SignedIn>
                  <Caseload />
                </SignedIn>
              }
            />
            <Route
              path="/reports/outcomes"
              element={
                <SignedIn>
                  <Suspense fallback={null}>
                    <Outcomes />
                  </Suspense>
                </SignedIn>
              }
            />
            <Route
              path="/reports"
              element={
                <SignedIn>
                  <Reports />
                </SignedIn>
              }
            />
            <Route
              path="/mentors/new"
              element={
                <SignedIn>
                  <MentorApplication />
                </SignedIn>
              }
            />
            <Route
              path="/youth/new"
              element={
                <SignedIn>
                  <YouthReferral />
                </SignedIn>
              }
            />
            <Route
              path="/matches/new"
              element={
                <SignedIn>
                  <ProposeMatch />
                </SignedIn>
              }
            />
            <Route
              path="/callers/new"
              element={
                <SignedIn>
                  <MentorApplication caller />
                </SignedIn>
              }
            />
            <Route
              path="/wellness/new"
              element={
                <SignedIn>
                  <WellnessReferral />
                </SignedIn>
              }
            />
            <Route
              path="/ece/mentors/new"
              element={
                <SignedIn>
                  <EceMentorApplication />
                </SignedIn>
              }
            />
            <Route
              path="/ece/placements/new"
              element={
                <SignedIn>
                  <EcePlacementForm />
                </SignedIn>
              }
            />
            <Route path="*" element={<NotFound />} />
          </Routes>
        </BrowserRouter>
      </I18nProvider>
    </QueryClientProvider>
  </StrictMode>,
);
