import type { FormInputs } from './render';

// Realistic inputs for every form (names with every Kazakh letter: ә ғ қ ң ө ұ ү һ і), used by the tests,
// the bench and the print centre's preview. Service names and authorities are the seeds'.

export const sampleForms: FormInputs = {
  licence: {
    number: 'KZ71LAA00012345',
    issueDate: '2024-03-25',
    holder: {
      type: 'legal',
      name: '«Өнеркәсіп-Құрылыс Һолдинг» жауапкершілігі шектеулі серіктестігі',
      address: 'Астана қ., Сарыарқа ауданы, Әуезов көшесі, 12-үй, 45-пәтер',
      bin: '040340001234',
    },
    activityType:
      'Тарих және мәдениет ескерткіштерінде археологиялық және (немесе) ғылыми-реставрациялау жұмыстарын жүзеге асыру жөніндегі қызмет',
    specialConditions: 'Ғылыми-реставрациялау жұмыстары тек Түркістан облысының аумағында жүргізіледі',
    licensor: 'Қазақстан Республикасы Мәдениет және ақпарат министрлігінің Мәдениет комитеті',
    head: 'Нұрғалиев Әлихан Өмірұлы',
    placeOfIssue: 'Астана қаласы',
    verificationRef: 'https://verify.qabyldau.kz/r/7f3a9c2e41b8',
  },
  refusal: {
    authority: {
      name: 'Қазақстан Республикасы Мәдениет және ақпарат министрлігінің Мәдениет комитеті',
      details: 'Астана қ., Орынбор көшесі, 8\nтел. 8(7172) 74-05-68\nБСН 990240001111',
    },
    number: 'ҚР-2024/0417',
    date: '2024-04-02',
    applicantName: 'Әбілқайыров Ғалымжан Құрманұлы',
    application: { date: '2024-03-11', number: 'KZ12APP00045678' },
    reason:
      'Өтініш берушінің біліктілік талаптарына сәйкестігін растайтын құжаттар ұсынылмаған: ғылыми-реставрациялау жұмыстарына жауапты маманның біліктілігін растайтын құжаттың көшірмесі жоқ.',
    signer: { position: 'Комитет төрағасының орынбасары', name: 'Құдайбергенова Ә. Ү.' },
    verificationRef: 'https://verify.qabyldau.kz/r/0b91d77f',
  },
  'acceptance-receipt': {
    centre: '«Азаматтарға арналған үкімет» мемлекеттік корпорациясы, Қарағанды қ., №2 бөлім',
    applicationNumber: 'ЦОН-2024-000871',
    acceptedAt: '2024-08-19T10:42',
    service: 'Бастауыш, негізгі орта, жалпы орта білім беру ұйымдарына оқуға қабылдау үшін құжаттар қабылдау',
    subOperation: 'Бірінші сыныпқа қабылдау',
    applicant: {
      type: 'individual',
      surname: 'Сәрсенбаева',
      name: 'Гүлнұр',
      patronymic: 'Ерғалиқызы',
      iin: '880512450321',
    },
    documents: [
      { name: 'Ата-аның (заңды өкілдің) өтініші', original: true, copy: false, sheets: 1 },
      { name: 'Баланың туу туралы куәлігі', original: true, copy: true, sheets: 1 },
      { name: '063/е нысанды денсаулық паспорты', original: true, copy: false, sheets: 4 },
      { name: 'Баланың 3x4 см көлеміндегі 2 фотосуреті', original: true, copy: false },
    ],
    operator: 'Тұрсынов Ілияс Мұхтарұлы',
    // School enrolment: the five working days are the term to receive this receipt, not the result.
    due: { counts: 'receipt-term', date: '2024-08-26', term: 5, unit: 'working' },
    remarks: ['Тізілім бойынша тексеру кейінге қалдырылды: байланыс болмады, өтініш орталыққа жеткенде тексеріледі'],
    verificationRef: 'https://verify.qabyldau.kz/r/5d2c0a8e',
  },
  'refusal-receipt': {
    centre: '«Азаматтарға арналған үкімет» мемлекеттік корпорациясы, Қарағанды қ., №2 бөлім',
    applicationNumber: 'ЦОН-2024-000872',
    acceptedAt: '2024-08-19T11:05',
    service: 'Негізгі орта, жалпы орта білім туралы құжаттардың телнұсқаларын беру',
    subOperation: 'Аттестаттың телнұсқасын беру',
    applicant: {
      type: 'individual',
      surname: 'Өтегенов',
      name: 'Бағдат',
      patronymic: 'Һашимұлы',
      iin: '010203500777',
    },
    documents: [{ name: 'Жеке басын куәландыратын құжат', original: true, copy: true, sheets: 1 }],
    missingDocuments: [
      'Құжатты жоғалтқан жағдайдағы өтініш',
      'Құжаттың жоғалғаны туралы хабарландыру жарияланғанын растайтын құжат',
    ],
    refusalWording:
      'Көрсетілетін қызметті алушының құжаттарында бұзушылықтың болуына байланысты сұратылып отырған қызметтен бас тарту',
    operator: 'Тұрсынов Ілияс Мұхтарұлы',
    verificationRef: 'https://verify.qabyldau.kz/r/c4e71a09',
  },
  permit: {
    number: 'РЖС-24-00317',
    issueDate: '2024-05-14',
    holder: {
      type: 'legal',
      name: '«Қазақтелеком» АҚ',
      address: 'Астана қ., Қонаев көшесі, 10',
      bin: '981140001551',
    },
    permitType: 'Қазақстан Республикасының радиожиілік спектрін пайдалануға рұқсат беру',
    particulars: [
      { label: 'Жиілік жолағы', value: '2500–2570 МГц / 2620–2690 МГц' },
      { label: 'Пайдалану аумағы', value: 'Ақмола облысы, Көкшетау қ.' },
    ],
    validity: { from: '2024-05-14', to: '2029-05-13' },
    issuer:
      'Қазақстан Республикасының Көлік және коммуникация министрлігі. Байланыс және ақпараттандыру комитеті',
    head: 'Жұмағұлов Сәкен Әлиұлы',
    city: 'Астана',
    verificationRef: 'https://verify.qabyldau.kz/r/91aa02fe',
  },
  'queue-notification': {
    authority: 'Солтүстік Қазақстан облысы Айыртау ауданының білім бөлімі',
    number: 'КЗ-2024-01563',
    registeredAt: '2024-02-07',
    queueNumber: 214,
    child: {
      surname: 'Ғабитова',
      name: 'Әйгерім',
      patronymic: 'Нұрланқызы',
      iin: '220914600459',
      birthDate: '2022-09-14',
    },
    applicant: { surname: 'Ғабитов', name: 'Нұрлан', patronymic: 'Үсенұлы', iin: '900101300123' },
    preferences: [
      '«Балбөбек» бөбекжайы, Саумалкөл а.',
      '«Күншуақ» балабақшасы',
      '№3 «Ақбота» шағын орталығы',
    ],
    signer: { position: 'Білім бөлімінің басшысы', name: 'Есімова Һ. Қ.' },
    verificationRef: 'https://verify.qabyldau.kz/r/3e8b7c11',
  },
};
