import type { CaseAction } from '../../workflows/household-case/rules';
import { labels } from './labels';

/** How a meeting's board is decided: cases assigned, the heads of those escalated, cases left for later. */
export interface MeetingTally {
  assign: number;
  escalate: string[];
  later: number;
}

/**
 * What the UI says around a save: the question before an action that cannot be taken back, and
 * what was recorded after, with the step that comes next.
 */
export const flowTh = {
  dates: {
    placeholder: 'วว/ดด/ปปปป',
    hint: 'วัน/เดือน/ปี พ.ศ. เช่น 31/03/2570',
    calendar: 'เลือกจากปฏิทิน',
    invalid: 'ไม่มีวันนี้ในปฏิทิน พิมพ์เป็น วัน/เดือน/ปี พ.ศ. เช่น 31/03/2570',
    notAfter: (date: string) => `วันที่ต้องไม่เกิน ${date}`,
    notBefore: (date: string) => `วันที่ต้องไม่ก่อน ${date}`,
  },
  search13: {
    title: 'ค้นหาด้วยเลขประจำตัวประชาชน',
    explain: 'เลข 13 หลักคือเลขประจำตัวประชาชน ไม่ใช่รหัสบ้าน (11 หลัก) การค้นหาด้วยเลขประจำตัวประชาชนต้องระบุวัตถุประสงค์ และระบบจะบันทึกไว้',
    purpose: 'วัตถุประสงค์ของการค้นหา',
    purposeHint: 'อย่างน้อย 10 ตัวอักษร เช่น ตรวจสอบครัวเรือนซ้ำก่อนเพิ่มครัวเรือนตกหล่น',
    notACode: 'รหัสบ้านมี 11 หลัก เลขประจำตัวประชาชนมี 13 หลัก โปรดตรวจสอบตัวเลขที่พิมพ์',
    noMatch: (query: string) => `ไม่พบครัวเรือนที่ตรงกับ "${query}" ในพื้นที่ของคุณ`,
    noHouseholds: 'ยังไม่มีครัวเรือนในพื้นที่ของคุณ',
  },
  confirm: 'ยืนยัน',
  ask: {
    completeTask: 'ปิดงานนี้? ครัวเรือนจะนับว่าได้รับความช่วยเหลือในปัญหานี้แล้ว และทีมพี่เลี้ยงจะเริ่มติดตามผล เมื่อปิดแล้วบันทึกกิจกรรมเพิ่มไม่ได้',
    returnTask: 'ส่งคืนงานนี้? งานจะกลับไปให้ ศจพ.อ. มอบหมายใหม่ และหน่วยงานของคุณบันทึกกิจกรรมเพิ่มไม่ได้',
    reassignTask: (agency: string) => `โอนงานนี้ให้ ${agency}? งานเดิมจะปิดและเปิดงานใหม่ให้หน่วยงานนั้น`,
    closeCase: (reason: string) => `ปิดกรณีของครัวเรือนนี้ด้วยเหตุผล "${reason}"? งานช่วยเหลือที่ยังเปิดอยู่จะถูกยกเลิก`,
    escalateCase: 'ยกระดับครัวเรือนนี้ถึง ศจพ.จ.? ศจพ.จ. จะเป็นผู้มอบหมายหน่วยงานแทนอำเภอ',
    returnToDistrict: 'ส่งครัวเรือนนี้กลับ ศจพ.อ. พร้อมข้อสั่งการ? ศจพ.อ. จะเป็นผู้มอบหมายหน่วยงานต่อ และครัวเรือนจะออกจากงานของ ศจพ.จ.',
    removeProblem: (what: string) => `ลบปัญหา "${what}" ออกจากผลการวิเคราะห์?`,
    /** What the meeting's decisions will do, case by case kind; the escalated households by name. One clause a line. */
    meetingDecisions: ({ assign, escalate, later }: MeetingTally) =>
      [
        'บันทึกมติการประชุม?',
        assign > 0 && `• มอบหมายหน่วยงาน ${assign} ครัวเรือน หน่วยงานจะได้รับงานทันที`,
        escalate.length > 0 && `• ยกระดับถึง ศจพ.จ. ${escalate.length} ครัวเรือน (${escalate.join(', ')}) ศจพ.จ. จะเป็นผู้มอบหมายหน่วยงานแทนอำเภอ`,
        later > 0 && `• ตัดสินใจภายหลัง ${later} ครัวเรือน ยังรอมอบหมายและเข้าวาระการประชุมครั้งต่อไป`,
        'เมื่อบันทึกแล้วการประชุมนี้จะปิด และแก้ไขมติไม่ได้',
      ]
        .filter(Boolean)
        .join('\n'),
  },
  recorded: labels<CaseAction>({
    verifyTarget: 'บันทึกผลการตรวจสอบข้อมูลแล้ว',
    recordAnalysis: 'บันทึกการวิเคราะห์ 4ท แล้ว',
    recordPlan: 'บันทึกแผนครัวเรือนแล้ว',
    giveRelief: 'บันทึกการช่วยเหลือเร่งด่วนในสมุดพกแล้ว',
    assignProblems: 'มอบหมายหน่วยงานแล้ว หน่วยงานได้รับงานในรายการงานของตน',
    escalateCase: 'ยกระดับถึง ศจพ.จ. แล้ว',
    returnToDistrict: 'ส่งกลับ ศจพ.อ. พร้อมข้อสั่งการแล้ว',
    recordFollowUp: 'บันทึกการติดตามผลแล้ว',
    pauseCase: 'พักกรณีแล้ว',
    resumeCase: 'ดำเนินการต่อแล้ว',
    transferCase: 'ย้ายพื้นที่แล้ว',
    closeCase: 'ปิดกรณีแล้ว',
    reopenCase: 'เปิดกรณีใหม่แล้ว',
    migratePolicy: 'ปรับเกณฑ์แล้ว',
    amendRelief: "แก้ไขรายการช่วยเหลือแล้ว",
    voidRelief: "ยกเลิกรายการช่วยเหลือแล้ว (ยังเห็นได้ในสมุดพกพร้อมเหตุผล)",
    amendAnalysis: "แก้ไขการวิเคราะห์ 4ท แล้ว",
    amendProblems: "แก้ไขปัญหาของครัวเรือนแล้ว",
    amendPlan: "แก้ไขแผนครัวเรือนแล้ว",
    amendMember: "แก้ไขข้อมูลสมาชิกแล้ว",
  }),
  next: (step: string) => `ขั้นต่อไป: ${step}`,
  nowAt: (stage: string) => `ตอนนี้อยู่ขั้น: ${stage}`,
  nextVisit: (date: string) => `ติดตามผลครั้งต่อไปภายใน ${date}`,
  activityLogged: (kind: string, baht: string, items: number) => `บันทึกกิจกรรม "${kind}" ${baht} บาท ${items} ชิ้น ในสมุดพกแล้ว`,
  taskCompleted: 'ปิดงานแล้ว ทีมพี่เลี้ยงจะติดตามผลกับครัวเรือน',
  taskReturned: 'ส่งคืนงานแล้ว ศจพ.อ. จะมอบหมายใหม่',
  taskReassigned: 'โอนงานแล้ว',
  backToTasks: 'ไปที่งานถัดไป',
  withoutCost: 'ดำเนินการแล้วโดยไม่มีค่าใช้จ่าย',
  withoutCostNote: 'ทำอะไรไปบ้าง (จำเป็นเมื่อไม่มีกิจกรรมในสมุดพก)',
  noActivityYet: 'ยังไม่มีกิจกรรมในสมุดพกของงานนี้: บันทึกกิจกรรมก่อนปิดงาน หรือเลือก "ดำเนินการแล้วโดยไม่มีค่าใช้จ่าย" และเขียนว่าทำอะไร',
  doneWithoutCost: 'ปิดงานโดยไม่มีค่าใช้จ่าย',
};
