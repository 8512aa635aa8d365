/**
 * The modules of the first screen (the shell and the inbox's), named once so that esbuild ships
 * them as one file. It makes a shared chunk for each set of pages that import a module; with
 * twenty pages the first screen came as ten small files, and a browser on HTTP/1.1 fetches six
 * from a host at a time, so the last four waited a whole round trip (0.56 s on Fast 3G). esbuild
 * injects this file into every entry point (`inject`, api/plugins/web.ts): every page then reaches
 * these modules alike, and they share one chunk, loaded with the app.
 */
import './api';
import './hooks';
import './i18n';
import './session';
import './landing-data';
import './components/ui';
import './components/names';
import './offline/session-cache';
import './offline/keeps';
import 'wouter-preact';
